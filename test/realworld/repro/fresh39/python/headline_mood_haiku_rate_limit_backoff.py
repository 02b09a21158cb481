# realworld repro (positive + negative): naive-retry -- a Haiku 4.5 classifier (64 tokens, short constant system
# prompt) sends each headline through a same-file method whose for loop of three attempts catches RateLimitError and
# 5xx APIStatusError (by status number) and sleeps 1 s then 2 s before sending again, never reading retry-after, on
# a client that keeps the SDK's own retries; the loop over headlines lives in another module
# source: Luke-Bradford/eBull app/services/sentiment.py:124
# source: Luke-Bradford/eBull app/services/sentiment.py:126
# source: Luke-Bradford/eBull app/services/sentiment.py:142
# source: Luke-Bradford/eBull app/services/sentiment.py:101
import json
import time

TRIES = 3
FIRST_PAUSE_S = 1.0

MOOD_SYSTEM = """You rate the tone of one market headline for a shareholder of the company named.
Return JSON only: {"label": "up" | "down" | "flat", "strength": 0.0-1.0}."""


class HeadlineMood:
    MODEL = "claude-haiku-4-5"
    LIMIT = 64

    def __init__(self, key: str) -> None:
        import anthropic

        self.client = anthropic.Anthropic(api_key=key)  # expect-not: retries-disabled, hardcoded-api-key

    def _send(self, text: str):
        import anthropic

        pause = FIRST_PAUSE_S
        last = None
        for attempt in range(1, TRIES + 1):  # expect: naive-retry
            try:
                return self.client.messages.create(  # expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt, batchable-fanout, unbounded-fanout
                    model=self.MODEL,
                    max_tokens=self.LIMIT,
                    system=MOOD_SYSTEM,
                    messages=[{"role": "user", "content": text}],
                )
            except anthropic.RateLimitError as exc:
                last = exc
                if attempt == TRIES:
                    break
            except anthropic.APIStatusError as exc:
                if exc.status_code < 500:  # expect-not: string-matched-error
                    raise
                last = exc
                if attempt == TRIES:
                    break
            time.sleep(pause)
            pause *= 2
        raise last

    def rate(self, headline: str) -> dict:
        reply = self._send(f"Headline: {headline}")
        try:
            return json.loads(reply.content[0].text)
        except (ValueError, KeyError):
            return {"label": "flat", "strength": 0.0}
