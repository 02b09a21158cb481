# realworld repro (positive + negative): naive-retry -- a bidirectional conversation generator whose
# while True re-sends messages.create after RateLimitError/OverloadedError with a fixed 15 s sleep and continue
# (three tries, retry-after never read); nonstreaming-max-tokens look-alike -- max_tokens from a parameter that
# defaults to 8192
# source: omnunum/digikey-cap-finder anthropic_api.py:113
# source: omnunum/digikey-cap-finder anthropic_api.py:116
import time

from anthropic import Anthropic
from anthropic._exceptions import OverloadedError, RateLimitError


class PartsThread:
    def __init__(self, key, model="claude-3-7-sonnet-20250219"):
        self.client = Anthropic(api_key=key)
        self.model = model

    def exchange(self, system_text, first_blocks, max_tokens=8192):
        history = [{"role": "user", "content": first_blocks}]
        failures, allowed = 0, 3
        while True:  # expect: naive-retry
            try:
                reply = self.client.messages.create(  # expect-not: nonstreaming-max-tokens
                    model=self.model,
                    max_tokens=max_tokens,
                    temperature=0,
                    system=[{"type": "text", "text": system_text}],
                    messages=history,
                )
            except (OverloadedError, RateLimitError) as exc:
                failures += 1
                if failures < allowed:
                    print(f"{type(exc).__name__}: pausing 15 s ({failures}/{allowed})")
                    time.sleep(15)
                    continue
                raise
            text = "\n".join(b.text for b in reply.content if b.type == "text")
            history.append({"role": "assistant", "content": [{"type": "text", "text": text}]})
            follow_up = yield text
            if follow_up is None:
                return
            history.append({"role": "user", "content": [{"type": "text", "text": follow_up}]})
