# realworld repro (module): the backoff helper imported by toolkit_client_imported_backoff.py -- calls a thunk up to
# attempts+1 times, catching the exception classes it is handed (every Exception by default), with exponential backoff
# and jitter and no retry-after; it holds no Claude call itself, so it is labelled at its application
# source: Parade11/claudekit claudekit/client.py:77
import logging
import random
import time
from typing import Callable, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")


class OutOfAttempts(Exception):
    def __init__(self, attempts: int, last: Exception):
        self.attempts = attempts
        self.last = last
        super().__init__(f"gave up after {attempts} attempts: {last}")


def call_with_backoff(
    thunk: Callable[[], T],
    attempts: int = 3,
    first_wait: float = 1.0,
    longest_wait: float = 60.0,
    retry_on: tuple = (Exception,),
) -> T:
    last = None
    for attempt in range(attempts + 1):  # expect-not: naive-retry
        try:
            return thunk()
        except retry_on as exc:
            last = exc
            if attempt == attempts:
                break
            wait = min(first_wait * (2**attempt), longest_wait) * (0.5 + random.random())
            log.warning("attempt %d failed: %s; sleeping %.1fs", attempt + 1, str(exc)[:100], wait)
            time.sleep(wait)
    raise OutOfAttempts(attempts + 1, last)
