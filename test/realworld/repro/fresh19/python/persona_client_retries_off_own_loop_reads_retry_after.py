# realworld repro (negative): retries-disabled, naive-retry -- a module builds one client with max_retries=0 and a
# comment that it retries itself; every create goes through a same-file attempt loop whose wait helper reads the
# retry-after header and waits at least that long (plus its own doubling base and jitter); handlers are class-based;
# one review per persona, the loop over personas lives in another module (lead: the comment, in Korean as in the
# original, was missing; written back in its own words)
# source: wonuseo/synthetic-panels llm/claude.py:39
# source: wonuseo/synthetic-panels llm/claude.py:94
# source: wonuseo/synthetic-panels llm/claude.py:99
# source: wonuseo/synthetic-panels llm/claude.py:132
import random
import time

import anthropic
from anthropic import APIConnectionError, InternalServerError, RateLimitError

from settings import CLAUDE_KEY

_api = None
RETRYABLE = (APIConnectionError, RateLimitError, InternalServerError)


def api():
    global _api
    if _api is None:
        _api = anthropic.Anthropic(
            api_key=CLAUDE_KEY,
            timeout=45.0,
            max_retries=0,  # 재시도는 아래 자체 루프에서 처리  # expect-not: retries-disabled
        )
    return _api


def pause_for(exc, attempt):
    base = 10 if isinstance(exc, RateLimitError) else 4
    wait = base * (2 ** attempt)
    resp = getattr(exc, "response", None)
    if resp is not None:
        header = resp.headers.get("retry-after")
        if header:
            try:
                wait = max(float(header), wait)
            except ValueError:
                pass
    return wait + random.uniform(0, 3)


def with_retries(fn, tries=4):
    for attempt in range(tries):  # expect-not: naive-retry
        try:
            return fn()
        except RETRYABLE as exc:  # expect-not: string-matched-error
            if attempt == tries - 1:
                raise
            time.sleep(pause_for(exc, attempt))


def review(persona_prompt, text, model="claude-sonnet-4-20250514"):
    reply = with_retries(
        lambda: api().messages.create(  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, batchable-fanout, uncached-prompt
            model=model,
            max_tokens=1500,
            system=persona_prompt,
            messages=[{"role": "user", "content": text}],
        )
    )
    return reply.content[0].text
