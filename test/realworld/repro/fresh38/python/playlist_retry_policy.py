# realworld repro (module): the retry policy imported by playlist_client_sdk_off_imported_retry_after.py -- typed
# outcomes (retryable with an optional retry-after value, invalid output, fatal) and a bounded loop that sleeps the
# retry-after value when the error carries one, exponential backoff with jitter otherwise; no Claude call here
# source: anthonybrites-cmyk/spotify-insight-pipeline pipeline/claude.py:231
import random
import time

ATTEMPTS = 4
FIRST_WAIT_S = 2.0
LONGEST_WAIT_S = 60.0


class TryAgain(Exception):
    def __init__(self, message, retry_after=None):
        super().__init__(message)
        self.retry_after = retry_after


class BadAnswer(Exception):
    pass


class GiveUp(Exception):
    pass


def pause_for(attempt, retry_after=None):
    if retry_after is not None:
        return min(float(retry_after), LONGEST_WAIT_S)
    return min(LONGEST_WAIT_S, FIRST_WAIT_S * 2 ** (attempt - 1)) * (0.5 + random.random())


def with_policy(step, on_failure, attempts=ATTEMPTS, sleep=time.sleep):
    previous = None
    for attempt in range(1, attempts + 1):  # expect-not: naive-retry
        try:
            return step(attempt, previous)
        except BadAnswer as exc:
            previous = exc
            on_failure(attempt, exc)
        except TryAgain as exc:
            previous = exc
            on_failure(attempt, exc)
            if attempt < attempts:
                sleep(pause_for(attempt, exc.retry_after))
        except GiveUp as exc:
            on_failure(attempt, exc)
            raise
    raise GiveUp(f"no answer after {attempts} attempts: {previous}")
