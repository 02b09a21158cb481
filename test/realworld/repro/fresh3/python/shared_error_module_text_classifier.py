# realworld repro (negative): string-matched-error look-alike -- a provider-neutral error module classifies
# exceptions by their text ("rate_limit", "429", ...) but holds no Claude call; naive-retry look-alikes -- the
# generic retry decorator and the tenacity factory it defines are applied to nothing in this module
# source: ewernn/SycoBench src/utils/error_handler.py:62
# source: ewernn/SycoBench src/utils/error_handler.py:92
# source: ewernn/SycoBench src/utils/error_handler.py:159
import logging
import time
from functools import wraps

from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential

log = logging.getLogger(__name__)


class ProviderError(Exception):
    pass


class Throttled(ProviderError):
    pass


class BadCredentials(ProviderError):
    pass


class Unavailable(ProviderError):
    pass


def classify(exc: Exception, provider: str) -> ProviderError:
    text = str(exc).lower()
    if any(k in text for k in ["rate_limit", "429", "too many requests"]):  # expect-not: string-matched-error
        return Throttled(f"{provider}: throttled: {exc}")
    if any(k in text for k in ["401", "403", "invalid_api_key"]):
        return BadCredentials(f"{provider}: credentials rejected: {exc}")
    if any(k in text for k in ["500", "503", "529", "overloaded"]):
        return Unavailable(f"{provider}: unavailable: {exc}")
    return ProviderError(f"{provider}: {exc}")


def with_retries(provider: str, tries: int = 3):
    def decorate(fn):
        @wraps(fn)
        def inner(*args, **kwargs):
            last = None
            for attempt in range(tries):  # expect-not: naive-retry
                try:
                    return fn(*args, **kwargs)
                except Exception as exc:
                    last = classify(exc, provider)
                    if isinstance(last, BadCredentials):
                        raise last
                    if isinstance(last, (Throttled, Unavailable)) and attempt < tries - 1:
                        time.sleep(min(60, 2 ** (attempt + 1)))
                        continue
                    if attempt == tries - 1:
                        raise last
            if last:
                raise last

        return inner

    return decorate


def tenacity_policy(provider: str, attempts: int = 3):
    return retry(  # expect-not: naive-retry
        stop=stop_after_attempt(attempts),
        wait=wait_exponential(multiplier=1, min=1, max=60),
        retry=retry_if_exception_type(Exception),
    )
