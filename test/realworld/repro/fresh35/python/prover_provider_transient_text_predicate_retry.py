# realworld repro (positive): naive-retry, string-matched-error -- a provider's generate method wraps its one create
# in a for loop of max_retries+1 attempts; every exception goes to a same-file predicate (RateLimitError class,
# a set of 429/5xx/529 statuses, then the lower-cased error text tested for "rate limit" and overload words) and a
# transient one sleeps 1 s doubling plus jitter, capped at 30 s, never reading retry-after, on a client built with
# a timeout that keeps the SDK's retries; look-alikes: max_tokens and model from parameters, no system prompt
# source: Cuuper22/Erdos src/llm/anthropic_provider.py:87
# source: Cuuper22/Erdos src/llm/anthropic_provider.py:75
# source: Cuuper22/Erdos src/llm/anthropic_provider.py:89
# source: Cuuper22/Erdos src/llm/anthropic_provider.py:62
import os
import random
import time
from typing import Optional


class ProverCallError(Exception):
    pass


class ClaudeProver:
    FALLBACK_MODEL = "claude-sonnet-4-5"
    RETRYABLE = {429, 500, 502, 503, 529}

    def __init__(self, api_key: Optional[str] = None, model: str = FALLBACK_MODEL, retries: int = 3):
        import anthropic

        self._sdk = anthropic
        self.model = model
        self.retries = retries
        self.client = anthropic.Anthropic(api_key=api_key or os.environ.get("ANTHROPIC_API_KEY"), timeout=60)  # expect-not: retries-disabled, hardcoded-api-key

    def _worth_retrying(self, err: Exception) -> bool:
        if isinstance(err, self._sdk.RateLimitError):
            return True
        if isinstance(err, self._sdk.APIStatusError):
            return getattr(err, "status_code", 0) in self.RETRYABLE
        lowered = str(err).lower()
        if any(word in lowered for word in ["rate limit", "overloaded", "unavailable"]):
            return True
        return False

    def generate(self, prompt: str, temperature: float = 0.7, max_tokens: int = 4096) -> str:
        last = None
        for attempt in range(self.retries + 1):  # expect: naive-retry
            try:
                reply = self.client.messages.create(  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
                    model=self.model,
                    max_tokens=max_tokens,
                    temperature=temperature,
                    messages=[{"role": "user", "content": prompt}],
                )
                return "".join(block.text for block in reply.content if block.type == "text")
            except Exception as err:
                last = err
                if attempt < self.retries and self._worth_retrying(err):  # expect: string-matched-error
                    time.sleep(min(1.0 * (2**attempt) + random.uniform(0, 1), 30.0))
                    continue
                break
        raise ProverCallError(f"generation failed: {last}") from last
