# realworld repro (positive + negative): naive-retry -- a benchmark's Claude chat wrapper: a while loop keyed on its
# own wait sends the request and, on RateLimitError, sleeps 3 s growing by half each time (no jitter) until the wait
# passes a minute, never reading retry-after, on a module-level default client with the SDK's retries on; the
# system prompt is lifted out of the history handed in; look-alikes: Haiku 3 by default at 600 tokens, the cases
# are looped in other modules, the key is imported from a constants module
# source: medaks/symptomcheck-bench medask/ummon/anthropic.py:35
# source: medaks/symptomcheck-bench medask/ummon/anthropic.py:37
# source: medaks/symptomcheck-bench medask/ummon/anthropic.py:41
# source: medaks/symptomcheck-bench medask/ummon/anthropic.py:14
from logging import getLogger
from time import sleep

from anthropic import Anthropic, RateLimitError

from triage.keys import CLAUDE_KEY

api = Anthropic(api_key=CLAUDE_KEY)  # expect-not: retries-disabled, hardcoded-api-key
log = getLogger("triage.claude")


class ClaudeTalker:
    def __init__(self, model=None):
        self.model = model or "claude-3-haiku-20240307"

    def talk(self, turns):
        req = dict(
            model=self.model,
            messages=turns,
            max_tokens=600,
        )
        if len(turns) > 1 and turns[0]["role"] == "system":
            req["system"] = turns[0]["content"]
            req["messages"] = turns[1:]

        pause = 3.0
        while pause < 60:  # expect: naive-retry
            try:
                out = api.messages.create(**req)  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
                return out.content[0].text
            except RateLimitError:  # expect-not: string-matched-error
                log.info("rate limited, pausing %.1fs", pause)
                sleep(pause)
                pause *= 1.5

        raise RuntimeError("rate limited too often")
