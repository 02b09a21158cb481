# realworld repro (positive + negative): naive-retry -- a scoring index's Claude client class with two methods, each
# an attempt loop around messages.create whose RateLimitError handler sleeps a base delay doubled per attempt (no
# jitter), never retry-after, and goes round, while the SDK client built in the constructor keeps its own retries
# (the class's max_retries only bounds the loops); look-alikes: the errors are caught by class and only logged, the
# request dict carries the caller's max_tokens with a client timeout, the system prompt is the caller's, no loop
# over data here, the key is a parameter
# source: mcastillomolina/data-protection-index src/clients/anthropic_client.py:83
# source: mcastillomolina/data-protection-index src/clients/anthropic_client.py:178
# source: mcastillomolina/data-protection-index src/clients/anthropic_client.py:98
# source: mcastillomolina/data-protection-index src/clients/anthropic_client.py:114
# source: mcastillomolina/data-protection-index src/clients/anthropic_client.py:54
import json
import time

from anthropic import Anthropic, APIConnectionError, APIError, RateLimitError


class ScoringClient:
    def __init__(self, key: str, model: str = "claude-3-5-sonnet-20241022", timeout: int = 30,
                 attempts: int = 3, first_wait: float = 1.0):
        self.api = Anthropic(api_key=key, timeout=timeout)  # expect-not: retries-disabled, hardcoded-api-key
        self.model = model
        self.attempts = attempts
        self.first_wait = first_wait

    def ask(self, text: str, system: str | None = None, max_tokens: int = 2000) -> str:
        for n in range(self.attempts):  # expect: naive-retry
            try:
                body = {"model": self.model, "max_tokens": max_tokens,
                        "messages": [{"role": "user", "content": text}]}
                if system:
                    body["system"] = system
                out = self.api.messages.create(**body)  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
                return out.content[0].text
            except RateLimitError as err:  # expect-not: string-matched-error
                print(f"rate limited ({n + 1}/{self.attempts}): {err}")
                if n < self.attempts - 1:
                    time.sleep(self.first_wait * (2 ** n))
                else:
                    raise
            except (APIError, APIConnectionError) as err:
                print(f"api error ({n + 1}/{self.attempts}): {err}")
                if n < self.attempts - 1:
                    time.sleep(self.first_wait * (2 ** n))
                else:
                    raise

    def ask_json(self, text: str, system: str = "Answer in JSON.", max_tokens: int = 2000) -> dict:
        text += "\n\nReturn JSON only."
        for n in range(self.attempts):  # expect: naive-retry
            try:
                out = self.api.messages.create(  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
                    model=self.model, max_tokens=max_tokens, system=system,
                    messages=[{"role": "user", "content": text}],
                )
                try:
                    return json.loads(out.content[0].text)
                except json.JSONDecodeError as bad:
                    raise ValueError(f"not JSON: {bad}")
            except RateLimitError as err:  # expect-not: string-matched-error
                print(f"rate limited ({n + 1}/{self.attempts}): {err}")
                if n < self.attempts - 1:
                    time.sleep(self.first_wait * (2 ** n))
                else:
                    raise
            except ValueError:
                raise
