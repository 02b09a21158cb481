# realworld repro (positive): naive-retry + string-matched-error -- a shared helper module (no SDK import) takes
# a plain client parameter and the request's keyword arguments and runs client.messages.create in an attempt
# loop whose catch-all handler asks a same-file predicate whether the error's text mentions 529, overloaded or
# a rate limit, then sleeps 5, 10 then 20 s from a fixed table and sends again; retry-after is never read and
# the callers' clients keep the SDK's own retries
# (made faithful by the lead: the original's docstring and log line say the module is for Anthropic API calls)
# source: utk-ghost-lab/Exp-public engine/api_utils.py:30
# source: utk-ghost-lab/Exp-public engine/api_utils.py:19
# source: utk-ghost-lab/Exp-public engine/api_utils.py:32
"""Helpers for Anthropic API calls: a create that waits out transient errors."""

import logging
import time

log = logging.getLogger(__name__)

PAUSES = [5, 10, 20]
TRIES = 3


def _looks_transient(exc: Exception) -> bool:
    text = str(exc).lower()
    return "529" in str(exc) or "overloaded" in text or "rate_limit" in text or "rate limit" in text


def create_with_pauses(client, **request):
    last = None
    for attempt in range(TRIES + 1):  # expect: naive-retry
        try:
            return client.messages.create(**request)  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
        except Exception as exc:
            last = exc
            if attempt < TRIES and _looks_transient(exc):  # expect: string-matched-error
                pause = PAUSES[min(attempt, len(PAUSES) - 1)]
                log.warning("transient error, waiting %ss: %s", pause, str(exc)[:120])
                time.sleep(pause)
            else:
                raise
    raise last
