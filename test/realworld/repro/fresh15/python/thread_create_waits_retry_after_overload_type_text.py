# realworld repro (negative): naive-retry and string-matched-error look-alikes -- an async helper runs a sync
# client's create in a thread inside a loop of attempts; for a retryable status (429 among them) it sleeps the
# retry-after header's value when present and a jittered doubling delay otherwise; the only text test looks for the
# overloaded_error type string beside a 529 status check, and 429 is decided from the status code
# source: echohound-labs/echohound-agent utils/api_retry.py:67
# source: echohound-labs/echohound-agent utils/api_retry.py:38
# source: echohound-labs/echohound-agent utils/api_retry.py:69
import asyncio
import random

import anthropic
from anthropic import APIConnectionError, APIStatusError

AGAIN = (408, 409, 429, 500, 502, 503, 529)


def _overloaded(err):
    if isinstance(err, APIStatusError) and err.status_code == 529:
        return True
    return '"type":"overloaded_error"' in str(err)  # expect-not: string-matched-error


def _header_wait(err):
    if isinstance(err, APIStatusError) and hasattr(err, "response"):
        raw = err.response.headers.get("retry-after")
        if raw:
            try:
                return float(raw)
            except ValueError:
                return None
    return None


async def send(client: anthropic.Anthropic, tries: int = 8, **params):
    for n in range(1, tries + 2):  # expect-not: naive-retry
        try:
            return await asyncio.to_thread(client.messages.create, **params)  # expect-not: batchable-fanout, missing-max-tokens, model-routing
        except Exception as err:
            ok = _overloaded(err) or isinstance(err, APIConnectionError)
            if isinstance(err, APIStatusError) and err.status_code in AGAIN:
                ok = True
            if not ok or n > tries:
                raise
            wait = _header_wait(err)
            if wait is None:
                base = min(0.5 * 2 ** (n - 1), 30.0)
                wait = base + random.random() * base * 0.25
            await asyncio.sleep(wait)
