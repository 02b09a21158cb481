# realworld repro (module): the wrapper imported by voc_chat_status_retry.py -- a generic async retry that re-runs a
# zero-argument coroutine factory on 429 and 5xx statuses, sleeping 0.5 s doubling, never reading retry-after; no
# Claude call here (the original's predicate also tests the error text, which this module leaves out so it encodes no
# judgement on that)
# source: karlamatstar/voc_upgrade llm_wrappers/anthropic_chat.py:55
import asyncio
from typing import Awaitable, Callable, TypeVar

T = TypeVar("T")


class RetryExhausted(RuntimeError):
    def __init__(self, provider: str, attempts: int, last_error: Exception):
        super().__init__(f"{provider}: {attempts} attempts failed: {last_error}")
        self.last_error = last_error


def worth_retrying(error: Exception) -> bool:
    status = getattr(error, "status_code", None)
    return status == 429 or (isinstance(status, int) and status >= 500)


async def call_with_retry(
    provider: str,
    operation: Callable[[], Awaitable[T]],
    *,
    max_attempts: int = 3,
    base_delay: float = 0.5,
) -> tuple[T, int]:
    last_error: Exception | None = None
    attempt = 0
    for attempt in range(1, max_attempts + 1):  # expect-not: naive-retry
        try:
            return await operation(), attempt
        except Exception as error:
            last_error = error
            if not worth_retrying(error) or attempt >= max_attempts:
                break
            await asyncio.sleep(base_delay * 2 ** (attempt - 1))
    assert last_error is not None
    raise RetryExhausted(provider, attempt, last_error) from last_error
