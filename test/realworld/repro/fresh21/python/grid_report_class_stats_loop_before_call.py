# realworld repro (negative): an analyser class for an app: a method summarises the whole dataset (a loop over
# equipment ids computes maintenance gaps, no call per item) and then sends one report request at 4,000 tokens on a
# Sonnet default held in an attribute; the handler logs and returns a failed result; a key-format check compares
# the bare key prefix and a regex
# source: MidwestJohn/energy-agent-claude claude_utils.py:694
# source: MidwestJohn/energy-agent-claude claude_utils.py:393
# source: MidwestJohn/energy-agent-claude claude_utils.py:165
# source: MidwestJohn/energy-agent-claude claude_utils.py:172
import json
import logging
import re

import anthropic

log = logging.getLogger(__name__)


def key_looks_valid(key):
    if not key.startswith("sk-ant-api03-"):  # expect-not: hardcoded-api-key
        return False
    return bool(re.match(r"^sk-ant-api03-[A-Za-z0-9_-]+$", key))  # expect-not: hardcoded-api-key


class GridAnalyst:
    def __init__(self, key, model="claude-3-5-sonnet-20241022"):
        if not key_looks_valid(key):
            raise ValueError("bad key")
        self.api = anthropic.Anthropic(api_key=key)  # expect-not: retries-disabled
        self.model = model

    def failure_outlook(self, records):
        gaps = {}
        for unit in {r["unit"] for r in records}:
            dates = sorted(r["day"] for r in records if r["unit"] == unit)
            gaps[unit] = len(dates)
        prompt = f"Review these maintenance gaps and predict failures:\n{json.dumps(gaps)}"
        try:
            reply = self.api.messages.create(  # expect-not: batchable-fanout, model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens, naive-retry
                model=self.model,
                max_tokens=4000,
                temperature=0.3,
                messages=[{"role": "user", "content": prompt}],
            )
            return {"ok": True, "text": reply.content[0].text}
        except Exception as exc:  # expect-not: string-matched-error
            log.error("outlook failed: %s", exc)
            return {"ok": False, "error": str(exc)}
