# realworld repro (positive + negative): naive-retry -- a singleton wrapper's private send method tries the create
# three times; except anthropic.RateLimitError sleeps 1 s, then 2 s (doubling) and loops, never reading retry-after;
# any other APIError is re-raised; look-alikes: the create's model, system and max_tokens (4096 by default, with a
# per-request timeout) come from the public methods' callers, and a one-call client method that logs and re-raises
# source: suppersant/invoiceagent src/utils/anthropic_client.py:146
# source: suppersant/invoiceagent src/utils/anthropic_client.py:149
# source: TuckerTucker/tkr-news-gather src/utils/anthropic_client.py:22
# source: TuckerTucker/tkr-news-gather src/utils/anthropic_client.py:21
import os
import time

import anthropic

SONNET = "claude-sonnet-4-5"
TRIES = 3


class LedgerReader:
    _one = None

    def __new__(cls):
        if cls._one is None:
            cls._one = super().__new__(cls)
            cls._one._ready = False
        return cls._one

    def __init__(self):
        if self._ready:
            return
        self._api = anthropic.Anthropic(api_key=os.environ.get("LEDGER_KEY"))
        self._ready = True

    def read(self, instructions: str, page: str, *, model: str | None = None, max_tokens: int = 4096) -> str:
        return self._send(model=model or SONNET, system=instructions, text=page, max_tokens=max_tokens)

    def _send(self, *, model: str, system: str, text: str, max_tokens: int) -> str:
        wait = 1.0
        for n in range(1, TRIES + 1):  # expect: naive-retry
            try:
                out = self._api.messages.create(  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt
                    model=model,
                    max_tokens=max_tokens,
                    system=system,
                    messages=[{"role": "user", "content": text}],
                    timeout=120.0,
                )
                return out.content[0].text
            except anthropic.RateLimitError:
                if n == TRIES:
                    raise
                time.sleep(wait)
                wait *= 2
            except anthropic.APIError:
                raise
        raise RuntimeError("unreachable")


class Headliner:
    def __init__(self, settings):
        self.api = anthropic.Anthropic(api_key=settings.key)
        self.model = settings.model
        self.limit = settings.limit

    def headline(self, system_prompt: str, story: str) -> str:
        try:  # expect-not: naive-retry
            got = self.api.messages.create(  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt
                model=self.model,
                max_tokens=self.limit,
                system=system_prompt,
                messages=[{"role": "user", "content": story}],
            )
            return got.content[0].text
        except Exception as e:
            print(f"headline failed: {e}")
            raise
