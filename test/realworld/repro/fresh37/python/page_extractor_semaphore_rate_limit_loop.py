# realworld repro (positive + negative): naive-retry -- a client method holds a semaphore slot and loops three times
# around the create: RateLimitError sleeps 2 s then 4 s and goes round again (never reading retry-after, on a client
# that keeps the SDK's retries), any other API error is wrapped and raised; look-alikes: class-based handlers, the
# semaphore sized by configuration, model and max_tokens from configuration
# source: skay38/ai-scraper src/clients/anthropic_client.py:51
# source: skay38/ai-scraper src/clients/anthropic_client.py:53
# source: skay38/ai-scraper src/clients/anthropic_client.py:65
# source: skay38/ai-scraper src/clients/anthropic_client.py:33
import asyncio
import os

from anthropic import APIError, AsyncAnthropic, RateLimitError

EXTRACT_MODEL = os.environ.get("EXTRACT_MODEL", "")
EXTRACT_MAX_TOKENS = int(os.environ.get("EXTRACT_MAX_TOKENS", "2048"))
EXTRACT_SLOTS = int(os.environ.get("EXTRACT_SLOTS", "4"))


class ExtractionFailed(Exception):
    pass


class PageReader:
    def __init__(self, api_key: str, gate: asyncio.Semaphore | None = None) -> None:
        self.client = AsyncAnthropic(api_key=api_key)  # expect-not: retries-disabled, hardcoded-api-key
        self.gate = gate or asyncio.Semaphore(EXTRACT_SLOTS)

    async def read(self, page_text: str, tries: int = 3) -> str:
        async with self.gate:
            for attempt in range(tries):  # expect: naive-retry
                try:
                    reply = await self.client.messages.create(  # expect-not: missing-max-tokens, unbounded-fanout
                        model=EXTRACT_MODEL,
                        max_tokens=EXTRACT_MAX_TOKENS,
                        messages=[{"role": "user", "content": page_text}],
                    )
                    return reply.content[0].text
                except RateLimitError as exc:  # expect-not: string-matched-error
                    if attempt < tries - 1:
                        await asyncio.sleep(2 ** (attempt + 1))
                    else:
                        raise ExtractionFailed("still rate limited") from exc
                except APIError as exc:
                    raise ExtractionFailed("API error") from exc
            raise ExtractionFailed("no attempts left")
