# realworld repro (positive + negative): naive-retry -- a loop retries a streamed call on
# RateLimitError and friends with exponential backoff plus jitter, never reading retry-after; a
# generic retry decorator defined beside it is never applied to a Claude call
# source: AuroSoni/anthropic-agent anthropic_agent/core/retry.py:85
# source: AuroSoni/anthropic-agent anthropic_agent/core/retry.py:188
import asyncio
import functools
import random

import anthropic


async def stream_with_backoff(client, params, tries=5, base=4.0):
    for attempt in range(tries):  # expect: naive-retry
        try:
            async with client.messages.stream(**params) as stream:
                async for _ in stream:
                    pass
                return await stream.get_final_message()
        except (anthropic.RateLimitError, anthropic.APIConnectionError, anthropic.InternalServerError):
            if attempt == tries - 1:
                raise
            await asyncio.sleep(base * (2**attempt) + random.uniform(0, 1))


def keep_trying(tries=3, base=1.0):
    def wrap(fn):
        @functools.wraps(fn)
        async def inner(*args, **kwargs):
            for attempt in range(tries):  # expect-not: naive-retry
                try:
                    return await fn(*args, **kwargs)
                except Exception:
                    if attempt == tries - 1:
                        raise
                    await asyncio.sleep(base * (2**attempt))

        return inner

    return wrap
