# realworld repro (module): the wrapper imported by crosssell_explain_gather.py -- an async helper that sends the
# create itself and, on RateLimitError, timeout or connection errors, sleeps 1 s then 2 s (three attempts), never
# reading retry-after; other errors are raised at once
# source: Sankar16/searchforge src/crosssell_agent/llm_agent.py:52
import asyncio

from anthropic import APIConnectionError, APITimeoutError, RateLimitError


async def call_with_backoff(client, attempts: int = 3, first_wait: float = 1.0, **params):
    last_error = None
    for attempt in range(attempts):  # expect: naive-retry
        try:
            return await client.messages.create(**params)  # expect-not: missing-max-tokens
        except (RateLimitError, APITimeoutError, APIConnectionError) as exc:
            last_error = exc
            if attempt < attempts - 1:
                await asyncio.sleep(first_wait * 2**attempt)
            continue
        except Exception:
            raise
    raise last_error
