# realworld repro (positive + negative): naive-retry, string-matched-error -- a service class named for Claude wraps
# create in a while loop of attempts; its catch-all handler gives up on credit wording, then decides whether to retry
# by any() over a list of substrings ("429", "too many requests" among them) in the lowered error text and sleeps a
# doubling delay from one second, never reading retry-after (the client keeps the SDK's retries); a key-status probe
# sends a constant one-token request in the same kind of loop with the same substring list; look-alikes: the
# credit-balance text tests give up rather than retry, the probe is a constant request, and the service method has no
# loop over data
# source: bsvalues/BCBSLevy utils/anthropic_utils.py:204
# source: bsvalues/BCBSLevy utils/anthropic_utils.py:255
# source: bsvalues/BCBSLevy utils/anthropic_utils.py:666
# source: bsvalues/BCBSLevy utils/anthropic_utils.py:722
# source: bsvalues/BCBSLevy utils/anthropic_utils.py:239
# source: bsvalues/BCBSLevy utils/anthropic_utils.py:674
# source: bsvalues/BCBSLevy utils/anthropic_utils.py:211
# source: bsvalues/BCBSLevy utils/anthropic_utils.py:118
import logging
import os
import time

from anthropic import Anthropic

log = logging.getLogger(__name__)

PASSING = ["timed out", "connection reset", "bad gateway", "500", "502", "429", "too many requests"]


class ClaudeHelper:
    def __init__(self, key=None):
        self.key = key or os.environ.get("ANTHROPIC_API_KEY")
        self.client = Anthropic(api_key=self.key)  # expect-not: retries-disabled, hardcoded-api-key

    def ask(self, turns, system=None, max_tokens=1000, tries=3, pause=1.0):
        n = 0
        last = None
        while n < tries + 1:  # expect: naive-retry
            try:
                reply = self.client.messages.create(  # expect-not: batchable-fanout, model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt
                    model="claude-3-5-sonnet-20241022",
                    system=system,
                    messages=turns,
                    max_tokens=max_tokens,
                )
                return reply
            except Exception as exc:
                last = exc
                text = str(exc)
                if "credit balance is too low" in text or "quota exceeded" in text:  # expect-not: string-matched-error
                    log.error("out of credit: %s", text)
                    break
                passing = any(word.lower() in text.lower() for word in PASSING)  # expect: string-matched-error
                if not passing:
                    log.error("giving up: %s", text)
                    break
                if n < tries:
                    wait = pause * (2 ** n)
                    log.warning("retrying in %.1fs: %s", wait, text)
                    time.sleep(wait)
            n += 1
        if last:
            raise last


def key_status(tries=2, pause=0.5):
    key = os.environ.get("ANTHROPIC_API_KEY")
    if not key:
        return {"status": "missing"}
    probe = Anthropic(api_key=key)
    n = 0
    while n < tries + 1:  # expect: naive-retry
        try:
            probe.messages.create(  # expect-not: model-routing, batchable-fanout, missing-max-tokens
                model="claude-3-5-sonnet-20241022",
                max_tokens=1,
                messages=[{"role": "user", "content": "ping"}],
            )
            return {"status": "valid"}
        except Exception as exc:
            text = str(exc)
            if "credit balance is too low" in text or "quota exceeded" in text:
                return {"status": "no_credits"}
            passing = any(word.lower() in text.lower() for word in PASSING)  # expect: string-matched-error
            if not passing:
                return {"status": "invalid", "message": text}
            if n < tries:
                time.sleep(pause * (2 ** n))
            else:
                return {"status": "invalid", "message": text}
        n += 1
    return {"status": "invalid"}
