# realworld repro (negative): naive-retry, string-matched-error, nonstreaming-max-tokens, retries-disabled -- a
# client with max_retries=3 and a 600 s timeout maps each SDK error class to the app's own error (a 429 becomes "rate
# or spend limit reached"), tests a 400's text for "credit balance", and sends once more only when the error text
# names the temperature parameter; 16,000 tokens by default, non-streaming
# source: sid2809/stackpiston-pipeline app/llm/anthropic_client.py:24
# source: sid2809/stackpiston-pipeline app/llm/anthropic_client.py:43
# source: sid2809/stackpiston-pipeline app/llm/anthropic_client.py:31
# source: sid2809/stackpiston-pipeline app/llm/anthropic_client.py:16
import json
import os

import anthropic


class ModelError(Exception):
    pass


class CutOff(ModelError):
    pass


class DeployedClaude:
    def __init__(self, model: str) -> None:
        key = os.environ.get("ANTHROPIC_API_KEY", "").strip()
        if not key:
            raise ModelError("Set ANTHROPIC_API_KEY in the host's variables.")
        self.model = model
        self.client = anthropic.Anthropic(api_key=key, max_retries=3, timeout=600)  # expect-not: retries-disabled, hardcoded-api-key

    def json_reply(self, system: str, user: str, max_tokens: int = 16000, temperature=None) -> dict:
        try:
            return self._once(system, user, max_tokens, temperature)
        except ModelError as err:
            if temperature is not None and "temperature" in str(err).lower():  # expect-not: naive-retry, string-matched-error
                return self._once(system, user, max_tokens, None)
            raise

    def _once(self, system: str, user: str, max_tokens: int, temperature) -> dict:
        extra = {"temperature": temperature} if temperature is not None else {}
        try:
            reply = self.client.messages.create(model=self.model, max_tokens=max_tokens, system=system,  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
                                                messages=[{"role": "user", "content": user}], **extra)
        except anthropic.AuthenticationError:
            raise ModelError("The key was rejected.")
        except anthropic.RateLimitError:
            raise ModelError("Rate or spend limit reached.")
        except anthropic.BadRequestError as err:
            text = str(err)
            if "credit balance" in text.lower():  # expect-not: string-matched-error
                raise ModelError("Add credits to the account.")
            raise ModelError(f"Request rejected: {text[:300]}")
        except anthropic.APIError as err:
            raise ModelError(f"Anthropic error: {str(err)[:300]}")
        body = "".join(part.text for part in reply.content if getattr(part, "type", "") == "text")
        if reply.stop_reason == "max_tokens":
            raise CutOff(f"stopped at {max_tokens} tokens")
        return json.loads(body)
