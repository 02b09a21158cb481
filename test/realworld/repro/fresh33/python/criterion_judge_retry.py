# realworld repro (module): the wrapper imported by criterion_judge_method_local_import.py -- a call-a-thunk helper
# that classifies errors by status code (408/409/429/5xx/529) or class name (RateLimitError, overloaded, timeouts)
# and retries up to five attempts with full jitter on a doubling cap from 0.5 s, never reading retry-after; no
# Claude call here
# source: omarharoun/Agenttic src/agenttic/scoring/judge.py:266
import random
import time
from dataclasses import dataclass

_TRANSIENT_STATUS = {408, 409, 429, 500, 502, 503, 529}
_TRANSIENT_NAMES = {"RateLimitError", "InternalServerError", "APITimeoutError", "APIConnectionError"}


def transient(exc: BaseException) -> bool:
    code = getattr(exc, "status_code", None)
    if isinstance(code, int):
        return code in _TRANSIENT_STATUS or code >= 500
    return type(exc).__name__ in _TRANSIENT_NAMES


@dataclass(frozen=True)
class Backoff:
    attempts: int = 5
    base: float = 0.5
    cap: float = 30.0


def call_retrying(thunk, backoff: Backoff | None = None, *, label: str = "llm"):
    backoff = backoff or Backoff()
    for attempt in range(backoff.attempts):  # expect-not: naive-retry
        try:
            return thunk()
        except BaseException as exc:
            if not transient(exc) or attempt + 1 >= backoff.attempts:
                raise
            time.sleep(random.uniform(0, min(backoff.cap, backoff.base * 2**attempt)))
