# realworld repro (negative): naive-retry -- a chat helper wraps its create in a three-attempt loop whose handlers
# catch only httpx's timeout and HTTP-status classes (the latter only for 5xx); the SDK raises its own error
# classes, so a rate limit falls to an outer catch-all that wraps and raises it; the async client keeps the SDK's
# default retries; Sonnet default at 4,096 tokens, system prompt from the caller
# source: mynameislukka/claude-telegram-bot bot/anthropic_helper.py:247
# source: mynameislukka/claude-telegram-bot bot/anthropic_helper.py:250
# source: mynameislukka/claude-telegram-bot bot/anthropic_helper.py:291
import asyncio
import os

import httpx
from anthropic import AsyncAnthropic

ATTEMPTS = 3
PAUSE = 1.0


class HelperFailure(Exception):
    pass


class MealPlanHelper:
    def __init__(self, model: str = "claude-3-5-sonnet-20241022"):
        self.client = AsyncAnthropic(api_key=os.getenv("ANTHROPIC_API_KEY"))  # expect-not: retries-disabled, hardcoded-api-key
        self.model = model

    async def ask(self, messages: list, system: str | None = None, max_tokens: int = 4096):
        try:
            for attempt in range(ATTEMPTS):  # expect-not: naive-retry
                try:
                    reply = await self.client.messages.create(  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
                        model=self.model,
                        messages=messages,
                        system=system,
                        max_tokens=max_tokens,
                    )
                    return reply.content[0].text
                except httpx.TimeoutException:
                    if attempt < ATTEMPTS - 1:
                        await asyncio.sleep(PAUSE * (2**attempt))
                    else:
                        raise HelperFailure("timed out")
                except httpx.HTTPStatusError as err:
                    if err.response.status_code >= 500 and attempt < ATTEMPTS - 1:
                        await asyncio.sleep(PAUSE * (2**attempt))
                    else:
                        raise HelperFailure(f"http error {err.response.status_code}")
        except Exception as err:  # expect-not: string-matched-error
            raise HelperFailure(f"request failed: {err}")
