# realworld repro (positive): naive-retry -- a for-attempt loop in a provider class that retries
# RateLimitError, timeouts and connection errors with a doubling sleep and never reads retry-after
# source: kreslavskii/Semantic-contamination src/llm/anthropic_client.py:110
import time

from anthropic import Anthropic, APIConnectionError, APITimeoutError, RateLimitError


class ClaudeBackend:
    def __init__(self, model="claude-sonnet-4-5", tries=3, base_pause=1.0):
        self.api = Anthropic()
        self.model = model
        self.tries = tries
        self.base_pause = base_pause

    def complete(self, prompt, limit=2000):
        last = None
        for n in range(self.tries):  # expect: naive-retry
            try:
                reply = self.api.messages.create(
                    model=self.model,
                    max_tokens=limit,
                    messages=[{"role": "user", "content": prompt}],
                )
                return reply.content[0].text
            except (RateLimitError, APITimeoutError, APIConnectionError) as exc:
                last = exc
                if n < self.tries - 1:
                    time.sleep(self.base_pause * (2**n))
            except Exception:
                raise
        raise last
