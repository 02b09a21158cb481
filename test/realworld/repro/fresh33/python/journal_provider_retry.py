# realworld repro (module): the decorator imported by journal_provider_decorated_chat.py -- a decorator factory
# that retries any exception judged a rate limit (a 429 status or a RateLimitError class name; the original also
# tests the error text, a site left `ignore`) up to a number of attempts, waiting from a minimum doubling to a
# maximum, never reading retry-after; every other error is re-raised; no Claude call here
# source: lenkazuma/notion_journal_loops src/llm/provider_anthropic.py:53
import time
from functools import wraps


def looks_throttled(exc: BaseException) -> bool:
    if type(exc).__name__ == "RateLimitError":
        return True
    return (getattr(exc, "status", None) or getattr(exc, "status_code", None)) == 429


def throttled_retry(max_attempts: int = 6, min_wait: float = 1.0, max_wait: float = 60.0):
    def decorate(func):
        @wraps(func)
        def inner(*args, **kwargs):
            tries = 0
            pause = min_wait
            last = None
            while tries < max_attempts:  # expect-not: naive-retry
                try:
                    return func(*args, **kwargs)
                except Exception as exc:
                    last = exc
                    if not looks_throttled(exc):
                        raise
                    time.sleep(pause)
                    pause = min(pause * 2, max_wait)
                    tries += 1
            if last is not None:
                raise last

        return inner

    return decorate
