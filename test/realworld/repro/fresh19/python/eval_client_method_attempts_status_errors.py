# realworld repro (positive + negative): naive-retry -- an evaluation harness's first-party client class has one
# method whose attempt loop (three by default) sends create(**kwargs), returns a failure dict at once for a
# BadRequestError, and on RateLimitError / APIStatusError / connection errors sleeps 2 s then 4 s (a doubling capped
# at 30 s, no jitter, retry-after never read) on a client that keeps the SDK's retries; look-alikes: errors sorted
# by class, model, system text and max_tokens are parameters, no loop over samples in the file
# source: nf-osi/curator-benchmarking src/anthropic_client.py:70
# source: nf-osi/curator-benchmarking src/anthropic_client.py:72
# source: nf-osi/curator-benchmarking src/anthropic_client.py:109
# source: nf-osi/curator-benchmarking src/anthropic_client.py:30
import time
from typing import Optional

import anthropic

from .settings import Settings


class DirectClaude:
    def __init__(self, settings: Settings):
        self.settings = settings
        key = settings.claude_key()
        if not key:
            raise ValueError("no Claude key configured")
        self.api = anthropic.Anthropic(api_key=key)  # expect-not: retries-disabled, hardcoded-api-key

    def run(self, model: str, text: str, system: Optional[str] = None, cap: int = 4096, tries: int = 3):
        params = {"model": model, "max_tokens": cap, "messages": [{"role": "user", "content": text}]}
        if system is None:
            system = self.settings.default_system
        if system:
            params["system"] = system
        failure = None
        for n in range(1, tries + 1):  # expect: naive-retry
            try:
                reply = self.api.messages.create(**params)  # expect-not: batchable-fanout, model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt
                body = "".join(b.text for b in reply.content if b.type == "text")
                return {"ok": True, "text": body, "try": n}
            except anthropic.BadRequestError as exc:
                return {"ok": False, "error": str(exc), "try": n}
            except (anthropic.RateLimitError, anthropic.APIStatusError, anthropic.APIConnectionError) as exc:  # expect-not: string-matched-error
                failure = exc
                if n < tries:
                    time.sleep(min(2**n, 30))
        return {"ok": False, "error": f"gave up: {failure}"}
