# realworld repro (positive + negative): naive-retry -- a provider's private call helper wraps its one create in a
# three-attempt for loop: RateLimitError, connection and timeout errors and 5xx statuses are kept and retried after
# 2 s, then 4 s, never reading retry-after, on a lazily built default client (auth, permission, not-found and other
# 4xx fail at once); look-alikes: the public method's two-pass schema-repair loop (only validation and JSON errors
# re-ask), a numeric status test, max_tokens 8,000 as a parameter default, system prompt from the caller
# source: hallmartin-code/LeadInvestorMap src/llm/anthropic_provider.py:98
# source: hallmartin-code/LeadInvestorMap src/llm/anthropic_provider.py:71
# source: hallmartin-code/LeadInvestorMap src/llm/anthropic_provider.py:122
# source: hallmartin-code/LeadInvestorMap src/llm/anthropic_provider.py:100
# source: hallmartin-code/LeadInvestorMap src/llm/anthropic_provider.py:57
import json
import os
import time

ATTEMPTS = 3


class ProviderDown(Exception):
    pass


class ProviderFailed(Exception):
    pass


class ClaudeAnalyst:
    def __init__(self, model: str | None = None, api_key: str | None = None) -> None:
        self.model = model or os.environ.get("ANALYST_MODEL", "claude-sonnet-4-6")
        self._key = api_key or os.environ.get("ANTHROPIC_API_KEY")
        self._client = None

    def _client_or_fail(self):
        if self._client is None:
            if not self._key:
                raise ProviderDown("no key configured")
            import anthropic

            self._client = anthropic.Anthropic(api_key=self._key)  # expect-not: retries-disabled, hardcoded-api-key
        return self._client

    def analyze(self, system: str, prompt: str, *, max_tokens: int = 8000) -> dict:
        import anthropic

        client = self._client_or_fail()
        turns = [{"role": "user", "content": prompt + "\n\nAnswer with one JSON object."}]
        for attempt in (1, 2):  # expect-not: naive-retry
            raw = self._send(client, anthropic, system, turns, max_tokens)
            try:
                return json.loads(raw)
            except json.JSONDecodeError as exc:
                if attempt == 2:
                    raise ProviderFailed("invalid JSON twice") from exc
                turns = [
                    *turns,
                    {"role": "assistant", "content": raw[:4000]},
                    {"role": "user", "content": f"That was not valid JSON ({exc}). Send only the JSON object."},
                ]
        raise ProviderFailed("unreachable")

    def _send(self, client, anthropic, system: str, turns: list[dict], max_tokens: int) -> str:
        pause = 2.0
        last: Exception | None = None
        for attempt in range(1, ATTEMPTS + 1):  # expect: naive-retry
            try:
                reply = client.messages.create(  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
                    model=self.model,
                    max_tokens=max_tokens,
                    system=system,
                    messages=turns,
                )
            except anthropic.AuthenticationError as exc:
                raise ProviderDown(f"key rejected: {exc}") from exc
            except anthropic.NotFoundError as exc:
                raise ProviderDown(f"unknown model {self.model}") from exc
            except (anthropic.RateLimitError, anthropic.APIConnectionError, anthropic.APITimeoutError) as exc:
                last = exc
            except anthropic.APIStatusError as exc:
                if exc.status_code and exc.status_code >= 500:  # expect-not: string-matched-error
                    last = exc
                else:
                    raise ProviderFailed(f"HTTP {exc.status_code}") from exc
            else:
                return "".join(b.text for b in reply.content if getattr(b, "type", "") == "text")
            if attempt < ATTEMPTS:
                time.sleep(pause)
                pause *= 2
        raise ProviderFailed(f"no answer after {ATTEMPTS} attempts: {last}")
