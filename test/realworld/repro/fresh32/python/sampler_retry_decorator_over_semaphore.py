# realworld repro (positive + negative): naive-retry -- a research sampler's async method carries two same-file
# decorators: an outer generic retry decorator (APIError or RateLimitError, 2^attempt s plus up to 1 s of jitter, five
# more attempts, never retry-after) over an inner semaphore decorator capping concurrent samples at 50; the client
# keeps the SDK's default retries and takes its key as a parameter; model, max_tokens and system prompt come from the
# caller
# (the lead moved the naive-retry marker from the decorator to the retry loop, where the original's alt line puts the finding)
# source: jeqcho/subtext-playground src/subtext/clients/anthropic_client.py:56
# source: jeqcho/subtext-playground src/subtext/clients/anthropic_client.py:57
# source: jeqcho/subtext-playground src/subtext/clients/anthropic_client.py:54
# source: jeqcho/subtext-playground src/subtext/clients/anthropic_client.py:75
import asyncio
import random
from functools import wraps

import anthropic


def keep_trying(errors: tuple, extra_tries: int = 5):
    def wrap(fn):
        @wraps(fn)
        async def inner(*args, **kwargs):
            for n in range(extra_tries + 1):  # expect: naive-retry
                try:
                    return await fn(*args, **kwargs)
                except errors as exc:
                    if n == extra_tries:
                        raise exc
                    pause = (2**n) + random.uniform(0, 1)
                    print(f"try {n + 1} failed: {exc}; sleeping {pause:.1f}s")
                    await asyncio.sleep(pause)
            return await fn(*args, **kwargs)

        return inner

    return wrap


def at_most(width: int):
    def wrap(fn):
        gate = asyncio.Semaphore(width)

        @wraps(fn)
        async def inner(*args, **kwargs):
            async with gate:
                return await fn(*args, **kwargs)

        return inner

    return wrap


class ClaudeSampler:
    def __init__(self, key: str):
        self.client = anthropic.AsyncAnthropic(api_key=key)  # expect-not: retries-disabled, hardcoded-api-key

    @keep_trying((anthropic.APIError, anthropic.RateLimitError), extra_tries=5)
    @at_most(50)  # expect-not: unbounded-fanout
    async def draw(self, model: str, system: str | None, question: str, settings) -> str:
        params: dict = {
            "model": model,
            "max_tokens": settings.max_tokens,
            "temperature": settings.temperature,
            "messages": [{"role": "user", "content": question}],
        }
        if system:
            params["system"] = system
        reply = await self.client.messages.create(**params)  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, string-matched-error
        return reply.content[0].text
