# realworld repro (module): the wrapper imported by research_client_nested_imported_retry_decorator.py -- a token
# bucket and a with_retry() decorator factory that retries RateLimitError, timeouts and connection errors
# max_retries times, waiting base_delay * 2^attempt plus up to 0.5 s, never reading retry-after; no Claude call here
# source: tanzeel-khan95/DeepTrace utils/anthropic_client.py:85
import functools
import random
import threading
import time

import anthropic


class TokenBucket:
    def __init__(self, per_minute: int = 50) -> None:
        self._rate = per_minute
        self._tokens = float(per_minute)
        self._last = time.monotonic()
        self._lock = threading.Lock()

    def acquire(self) -> None:
        with self._lock:
            now = time.monotonic()
            self._tokens = min(float(self._rate), self._tokens + (now - self._last) * self._rate / 60.0)
            self._last = now
            if self._tokens < 1.0:
                time.sleep((1.0 - self._tokens) * 60.0 / self._rate)
                self._tokens = 0.0
            else:
                self._tokens -= 1.0


RETRYABLE = (anthropic.RateLimitError, anthropic.APITimeoutError, anthropic.APIConnectionError, ConnectionError)


def with_retry(max_retries: int = 4, base_delay: float = 1.0, retryable: tuple = RETRYABLE):
    def decorator(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            for attempt in range(max_retries + 1):  # expect-not: naive-retry
                try:
                    return func(*args, **kwargs)
                except retryable:
                    if attempt == max_retries:
                        raise
                    time.sleep(base_delay * (2**attempt) + random.uniform(0, 0.5))

        return wrapper

    return decorator
