# realworld repro (positive): naive-retry -- a generic call_with_retry(fn) wrapper: exponential
# back-off with jitter that never reads retry-after, applied to a local function that streams Claude
# source: anthropics/claude-quickstarts computer-use-best-practices/computer_use/loop.py:104
import random
import time

import anthropic

ATTEMPTS = 4
BASE_DELAY = 2.0


def recoverable(err):
    if isinstance(err, (anthropic.RateLimitError, anthropic.APIConnectionError)):
        return True
    return isinstance(err, anthropic.APIStatusError) and err.status_code >= 500


def call_with_retry(fn):
    for n in range(ATTEMPTS):  # expect: naive-retry
        try:
            return fn()
        except Exception as err:
            if not recoverable(err) or n + 1 >= ATTEMPTS:
                raise
            time.sleep(BASE_DELAY * (2**n) + random.uniform(0, 1))
    raise AssertionError("unreachable")


def stream_turn(client, turns):
    with client.messages.stream(model="claude-sonnet-4-5", max_tokens=16000, messages=turns) as s:
        return s.get_final_message()


def step(client, turns):
    return call_with_retry(lambda: stream_turn(client, turns))
