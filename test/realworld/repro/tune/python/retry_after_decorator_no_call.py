# realworld repro (negative): naive-retry -- a generic retry decorator module that sleeps the retry-after
# header of a RateLimitError when present (jittered backoff otherwise); the module makes no Claude call
# source: buckster123/ApexAurum-Vivum core/retry_handler.py:141
import random
import time
from functools import wraps

import anthropic


def header_wait(err):
    if isinstance(err, anthropic.RateLimitError):
        value = err.response.headers.get("retry-after")
        if value:
            try:
                return float(value)
            except ValueError:
                return None
    return None


def patient(tries=3, base=1.0):
    def wrap(fn):
        @wraps(fn)
        def inner(*args, **kwargs):
            for attempt in range(tries + 1):  # expect-not: naive-retry
                try:
                    return fn(*args, **kwargs)
                except (anthropic.RateLimitError, anthropic.APIConnectionError) as err:
                    if attempt == tries:
                        raise
                    wait = header_wait(err)
                    if wait is None:
                        wait = base * (2**attempt) * (0.75 + random.random() / 2)
                    time.sleep(wait)

        return inner

    return wrap
