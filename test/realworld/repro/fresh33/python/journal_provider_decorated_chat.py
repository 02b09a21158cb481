# realworld repro (positive): naive-retry -- a chat provider's method is decorated with throttled_retry imported
# from a sibling module (rate limits retried with a doubling wait, never retry-after) and sends one create on a
# lazily built client that keeps the SDK's retries
# source: lenkazuma/notion_journal_loops src/llm/provider_anthropic.py:53
import os
from typing import Any

from journal_provider_retry import throttled_retry


class ClaudeChatProvider:
    def __init__(self, api_key: str | None = None, model: str | None = None) -> None:
        self._key = api_key or os.environ.get("ANTHROPIC_API_KEY")
        self._model = model or os.environ.get("CHAT_MODEL", "claude-sonnet-4-5")
        self._client = None

    def _get(self):
        if self._client is None:
            import anthropic

            self._client = anthropic.Anthropic(api_key=self._key)  # expect-not: retries-disabled, hardcoded-api-key
        return self._client

    @throttled_retry(max_attempts=5, min_wait=1.0, max_wait=30.0)  # expect: naive-retry
    def chat(self, messages: list[dict], **kwargs: Any) -> str:
        client = self._get()
        system = ""
        turns = []
        for m in messages:
            if m["role"] == "system":
                system = m["content"]
            else:
                turns.append({"role": m["role"], "content": m["content"]})
        params: dict[str, Any] = {"model": self._model, "messages": turns, "max_tokens": kwargs.get("max_tokens", 2048)}
        if system:
            params["system"] = system
        reply = client.messages.create(**params)  # expect-not: missing-max-tokens, nonstreaming-max-tokens
        return reply.content[0].text if reply.content else ""
