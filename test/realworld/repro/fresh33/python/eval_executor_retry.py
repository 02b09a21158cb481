# realworld repro (module): the wrapper imported by eval_executor_imported_async_backoff.py -- an async helper that
# awaits a zero-argument coroutine factory and, on RateLimitError, server, connection or timeout errors (Anthropic's
# or OpenAI's) or a 429/5xx/529 status, sleeps 1 s doubling to a 60 s cap, three more tries, never reading
# retry-after; a shared failure counter trips after five; no Claude call here
# source: GOATnote-Inc/safeshift src/safeshift/executors/api.py:133
import asyncio

import anthropic
import openai

TRANSIENT = (
    anthropic.RateLimitError,
    anthropic.InternalServerError,
    anthropic.APIConnectionError,
    anthropic.APITimeoutError,
    openai.RateLimitError,
    openai.APIConnectionError,
)

_failures = {"count": 0}


async def backoff_call(make_coro, *, attempts: int = 3):
    if _failures["count"] >= 5:
        raise RuntimeError("too many consecutive provider failures")
    for attempt in range(attempts + 1):  # expect-not: naive-retry
        try:
            value = await make_coro()
            _failures["count"] = 0
            return value
        except TRANSIENT:
            _failures["count"] += 1
            if attempt == attempts:
                raise
            await asyncio.sleep(min(1.0 * 2**attempt, 60.0))
        except (anthropic.APIStatusError, openai.APIStatusError) as exc:
            if exc.status_code in (429, 500, 503, 529) and attempt < attempts:
                _failures["count"] += 1
                await asyncio.sleep(min(1.0 * 2**attempt, 60.0))
            else:
                raise
