# realworld repro (positive + negative): naive-retry -- an async service method holds a semaphore slot and loops over
# five attempts around a create sent through with_options(max_retries=5): RateLimitError waits 2**attempt plus jitter
# and goes round again, never reading retry-after (the SDK's own retries run inside each attempt); look-alikes: the
# parallel helper gathers every prompt but each request waits on the semaphore, class-based handler, retries raised
# not disabled, model and max_tokens as parameters, a streamed call that re-raises
# source: robertzk/cot-investigation-public backend/app/services/anthropic_service.py:76
# source: robertzk/cot-investigation-public backend/app/services/anthropic_service.py:79
# source: robertzk/cot-investigation-public backend/app/services/anthropic_service.py:88
# source: robertzk/cot-investigation-public backend/app/services/anthropic_service.py:141
# source: robertzk/cot-investigation-public backend/app/services/anthropic_service.py:157
# source: robertzk/cot-investigation-public backend/app/services/anthropic_service.py:28
import asyncio
import random

from anthropic import AsyncAnthropic, RateLimitError

KNOWN_MODELS = ["claude-sonnet-4-5", "claude-haiku-4-5"]


class ProbeService:
    def __init__(self, api_key: str, slots: int = 20):
        self.client = AsyncAnthropic(api_key=api_key)  # expect-not: hardcoded-api-key, retries-disabled
        self.gate = asyncio.Semaphore(slots)

    async def _send(self, turns: list[dict], model: str = "claude-sonnet-4-5", tries: int = 5, max_tokens: int = 1000):
        if model not in KNOWN_MODELS:
            raise ValueError(f"unknown model {model}")
        async with self.gate:
            for attempt in range(tries):  # expect: naive-retry
                try:
                    return await self.client.with_options(max_retries=tries).messages.create(  # expect-not: retries-disabled, missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout
                        model=model,
                        max_tokens=max_tokens,
                        temperature=0,
                        messages=turns,
                    )
                except RateLimitError as err:  # expect-not: string-matched-error
                    if attempt == tries - 1:
                        raise
                    pause = (2**attempt) + random.random()
                    print(f"rate limited ({err}); sleeping {pause:.1f}s")
                    await asyncio.sleep(pause)
        raise RuntimeError("gave up")

    async def ask(self, question: str, **options):
        return await self._send([{"role": "user", "content": [{"type": "text", "text": question}]}], **options)

    async def ask_many(self, questions: list[str], **options):
        jobs = [self.ask(q, **options) for q in questions]
        return await asyncio.gather(*jobs)  # expect-not: unbounded-fanout

    async def stream(self, turns: list[dict], model: str, max_tokens: int = 1000):
        try:
            async with self.client.messages.stream(model=model, max_tokens=max_tokens, messages=turns) as s:  # expect-not: missing-max-tokens, naive-retry
                async for piece in s.text_stream:
                    yield piece
        except Exception as err:
            print(f"stream failed: {err}")
            raise
