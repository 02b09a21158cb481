# realworld repro (positive + negative): naive-retry -- a helper takes the client and the caller's keyword
# arguments and re-sends messages.create on RateLimitError (and connection errors, 5xx by status) after a
# doubling wait scaled by a random 0.5-1.5 factor, never reading retry-after; look-alikes: a class-based
# retryable check (no text test) and a pass-through create whose max_tokens, model and prompt come from the caller
# source: cariocaphil/study-article-pipeline src/utils/anthropic_retry.py:91
# source: cariocaphil/study-article-pipeline src/utils/anthropic_retry.py:93
# source: cariocaphil/study-article-pipeline src/utils/anthropic_retry.py:33
from __future__ import annotations

import logging
import random
import time
from typing import Any

import anthropic

log = logging.getLogger(__name__)

TRANSIENT = frozenset({429, 500, 503, 529})


def transient(err: Exception) -> bool:
    if isinstance(err, (anthropic.RateLimitError, anthropic.APIConnectionError)):  # expect-not: string-matched-error
        return True
    return isinstance(err, anthropic.APIStatusError) and err.status_code in TRANSIENT


def send(client: anthropic.Anthropic, *, tries: int = 3, base: float = 1.0, **kwargs: Any):
    for n in range(1, tries + 1):  # expect: naive-retry
        try:
            return client.messages.create(**kwargs)  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt
        except Exception as err:
            if n >= tries or not transient(err):
                raise
            pause = base * 2 ** (n - 1) * (0.5 + random.random())
            log.warning("attempt %d failed (%s); next in %.1fs", n, err, pause)
            time.sleep(pause)
    raise RuntimeError("unreachable")
