# realworld repro (module): the wrapper imported by benchmark_model_method_imported_error_decorator.py -- a decorator
# factory whose loop catches any exception, gives up on 401/403/400, and sleeps 2**(n+1) s after a 429 or 2**(n+2) s
# after a 5xx before the next attempt; it never reads retry-after and holds no Claude call
# source: ewernn/SycoBench src/models/claude.py:43
import functools
import logging
import time

log = logging.getLogger(__name__)


def handle_errors(provider: str, max_retries: int = 3):
    def decorator(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            for attempt in range(max_retries):  # expect-not: naive-retry
                try:
                    return func(*args, **kwargs)
                except Exception as exc:
                    status = getattr(exc, "status_code", None)
                    log.warning("%s call failed (attempt %d/%d): %s", provider, attempt + 1, max_retries, exc)
                    if status in (400, 401, 403) or attempt == max_retries - 1:
                        raise
                    if status == 429:
                        time.sleep(min(60, 2 ** (attempt + 1)))
                    elif status is not None and status >= 500:
                        time.sleep(min(30, 2 ** (attempt + 2)))

        return wrapper

    return decorator
