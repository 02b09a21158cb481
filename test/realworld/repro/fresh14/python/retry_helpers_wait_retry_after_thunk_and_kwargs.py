# realworld repro (negative): naive-retry and string-matched-error look-alikes -- two shared helpers that wait the
# retry-after header: an async one runs a caller's thunk (no Claude call of its own) and retries 429/503/529 with the
# header's seconds or a doubling delay, re-raising anything else; a sync drop-in for messages.create(**kwargs) retries
# a status set with the header's seconds or a jittered doubling delay, and connection errors with the jittered delay;
# retryability is decided by class and status code
# source: 808NEMESIS/Heatr utils/anthropic_retry.py:79
# source: 808NEMESIS/Heatr utils/anthropic_retry.py:82
# source: Orlando360/orlando360-v2 utils/anthropic_retry.py:43
# source: Orlando360/orlando360-v2 utils/anthropic_retry.py:47
# source: Orlando360/orlando360-v2 utils/anthropic_retry.py:45
import asyncio
import random
import time

import anthropic

AGAIN = {429, 500, 503, 529}


def _header_wait(err) -> float | None:
    resp = getattr(err, "response", None)
    raw = resp.headers.get("retry-after") if resp is not None else None
    try:
        return float(raw) if raw else None
    except ValueError:
        return None


def _worth_again(err) -> bool:
    if isinstance(err, anthropic.RateLimitError):
        return True
    return isinstance(err, anthropic.APIStatusError) and err.status_code in (429, 503, 529)


async def run_with_backoff(thunk, *, tries: int = 3, first: float = 2.0):
    for n in range(tries + 1):  # expect-not: naive-retry
        try:
            return await thunk()
        except Exception as err:  # expect-not: string-matched-error
            if not _worth_again(err) or n >= tries:
                raise
            wait = _header_wait(err)
            await asyncio.sleep(wait if wait is not None else first * 2**n)


def create_patiently(api: anthropic.Anthropic, **params):
    for n in range(1, 4):  # expect-not: naive-retry
        try:
            return api.messages.create(**params)  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, batchable-fanout
        except anthropic.APIStatusError as err:  # expect-not: string-matched-error
            if err.status_code not in AGAIN or n == 3:
                raise
            wait = _header_wait(err)
            time.sleep(wait if wait is not None else 2 ** (n - 1) * (1 + random.random() / 2))
        except (anthropic.APIConnectionError, anthropic.APITimeoutError):
            if n == 3:
                raise
            time.sleep(2 ** (n - 1) * (1 + random.random() / 2))
