# realworld repro (positive): naive-retry -- a generic wrapper sends the create in an attempt loop (3 by default);
# any Exception is kept, the loop sleeps 0.6 s doubling (capped at 10 s) and sends again, raising after the last
# attempt; retry-after is never read and the client keeps the SDK's own retries
# source: muhammed-saeed/LLMpedia llm/anthropic_client.py:197
import os
import time

import anthropic


class EntityWriter:
    def __init__(self, attempts: int = 3):
        self.client = anthropic.Anthropic(api_key=os.getenv("ANTHROPIC_API_KEY"))
        self.attempts = max(1, attempts)

    def generate(self, system: str, user: str, *, model: str = "claude-sonnet-4-5-20250929", max_tokens: int = 512) -> str:
        request = {"model": model, "max_tokens": max_tokens, "system": system, "messages": [{"role": "user", "content": user}]}
        last = None
        for attempt in range(1, self.attempts + 1):  # expect: naive-retry
            try:
                reply = self.client.messages.create(**request)  # expect-not: string-matched-error, missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
                return reply.content[0].text
            except Exception as exc:
                last = exc
                if attempt == self.attempts:
                    break
                time.sleep(min(10.0, 0.6 * (2 ** (attempt - 1))))
        raise RuntimeError(f"failed after {self.attempts} attempts: {last}")
