# realworld repro (positive + negative): naive-retry -- a pipeline helper takes a typed Anthropic client and the
# request's keyword arguments and runs messages.create in a five-attempt loop; on RateLimitError or
# OverloadedError (caught as one tuple) it sleeps 4 s doubling, capped at 120 s, and sends again, re-raising on
# the last attempt; retry-after is never read and the client's SDK retries are left on; look-alikes: errors
# caught by class, request fields from the caller
# source: melnicf/seo-ai-article-generator src/pipeline/anthropic_retry.py:25
# source: melnicf/seo-ai-article-generator src/pipeline/anthropic_retry.py:27
import time

import anthropic
from anthropic._exceptions import OverloadedError, RateLimitError

TRANSIENT = (OverloadedError, RateLimitError)
ATTEMPTS = 5
FIRST_PAUSE = 4
LONGEST_PAUSE = 120


def send_with_backoff(client: anthropic.Anthropic, **request):
    failure = None
    for attempt in range(ATTEMPTS):  # expect: naive-retry
        try:
            return client.messages.create(**request)  # expect-not: string-matched-error, missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
        except TRANSIENT as exc:
            failure = exc
            if attempt == ATTEMPTS - 1:
                raise
            pause = min(FIRST_PAUSE * (2 ** attempt), LONGEST_PAUSE)
            print(f"  {type(exc).__name__}; next try in {pause}s")
            time.sleep(pause)
    if failure:
        raise failure
    raise RuntimeError("no attempt made")
