# realworld repro (positive + negative): naive-retry -- a synthetic-data client class has a text method whose
# three-attempt loop sleeps 1 s, 2 s, 4 s on RateLimitError and a fixed 2 s on other API errors (retry-after never
# read, the client keeps the SDK's retries) and then raises a plain Exception; its JSON method loops again around
# that method and, on any exception other than a JSON decode error, sleeps a fixed 2 s and calls it once more
# (nested retries); look-alikes: errors sorted by class, a short fixed system text, model and max_tokens set by the
# constructor, the key passed in, no loop over records in the file
# source: devendra-turinton/sama-synthetic-data utils/anthropic_client.py:30
# source: devendra-turinton/sama-synthetic-data utils/anthropic_client.py:88
# source: devendra-turinton/sama-synthetic-data utils/anthropic_client.py:36
# source: devendra-turinton/sama-synthetic-data utils/anthropic_client.py:49
# source: devendra-turinton/sama-synthetic-data utils/anthropic_client.py:19
import json
import logging
import time
from typing import Optional

import anthropic

log = logging.getLogger(__name__)

RULES = "Reply with one JSON object only. No prose, no code fences, no text before or after the braces."


class RecordWriter:
    def __init__(self, key: str, model: str = "claude-sonnet-4-20250514", cap: int = 4000):
        self.api = anthropic.Anthropic(api_key=key)  # expect-not: retries-disabled, hardcoded-api-key
        self.model = model
        self.cap = cap

    def text(self, prompt: str, system: Optional[str] = None, tries: int = 3) -> str:
        for k in range(tries):  # expect: naive-retry
            try:
                msg = self.api.messages.create(  # expect-not: batchable-fanout, model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt
                    model=self.model,
                    max_tokens=self.cap,
                    system=system or "",
                    messages=[{"role": "user", "content": prompt}],
                )
                return msg.content[0].text
            except anthropic.RateLimitError:  # expect-not: string-matched-error
                log.warning("throttled")
                time.sleep(2**k)
            except anthropic.APIError:
                if k == tries - 1:
                    raise
                time.sleep(2)
        raise Exception(f"no answer after {tries} tries")

    def record(self, prompt: str, extra: Optional[str] = None, tries: int = 3) -> dict:
        system = RULES + ("\n" + extra if extra else "")
        for k in range(tries):  # expect: naive-retry
            try:
                raw = self.text(prompt, system)
                return json.loads(raw.strip().strip("`"))
            except json.JSONDecodeError:
                log.error("bad JSON on try %d", k + 1)
            except Exception:
                if k == tries - 1:
                    raise
                time.sleep(2)
        raise ValueError("no valid JSON")
