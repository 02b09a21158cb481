# realworld repro (positive + negative): naive-retry -- a shared module every digest stage imports: one helper builds
# a default client and loops five times around messages.create, catching APIStatusError and, when the status is 429
# or 529, sleeping an exponential wait with jitter (5 s doubling, 60 s cap) without looking at retry-after; the status
# test is on the numeric code (string-matched-error look-alike) and the client keeps the SDK's retries
# source: agarciangulo/Research-Parser src/llm.py:36
# source: agarciangulo/Research-Parser src/llm.py:52
# source: agarciangulo/Research-Parser src/llm.py:34
# source: agarciangulo/Research-Parser src/llm.py:38
import random
import time

import anthropic

WRITEUP_MODEL = "claude-sonnet-4-6"
TRIES = 5
FIRST_PAUSE_S = 5
LONGEST_PAUSE_S = 60


def ask_writer(*, system: str, request: str, temperature: float = 0.3, max_tokens: int = 4096):
    client = anthropic.Anthropic()  # expect-not: retries-disabled, hardcoded-api-key

    for attempt in range(TRIES):  # expect: naive-retry
        try:
            return client.messages.create(  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
                model=WRITEUP_MODEL,
                max_tokens=max_tokens,
                temperature=temperature,
                system=system,
                messages=[{"role": "user", "content": request}],
            )
        except anthropic.APIStatusError as err:
            if err.status_code in (429, 529) and attempt < TRIES - 1:  # expect-not: string-matched-error
                pause = min(FIRST_PAUSE_S * 2**attempt, LONGEST_PAUSE_S)
                time.sleep(pause + random.uniform(0, pause / 2))
            else:
                raise

    raise RuntimeError("no reply after every attempt")
