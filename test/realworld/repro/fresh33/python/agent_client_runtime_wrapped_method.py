# realworld repro (positive): naive-retry -- a coding agent's Claude client keeps the create in a private method
# and, for each step, wraps that bound method with with_random_pause imported from a sibling module (any error,
# random 3-30 s, never retry-after) before calling it; the client keeps the SDK's retries
# source: bytedance/trae-agent trae_agent/utils/llm_clients/anthropic_client.py:97
import anthropic

from agent_client_retry import with_random_pause


class StepClient:
    def __init__(self, api_key: str, base_url: str | None = None):
        self.client = anthropic.Anthropic(api_key=api_key, base_url=base_url)  # expect-not: retries-disabled, hardcoded-api-key
        self.history: list[dict] = []
        self.system = anthropic.NOT_GIVEN

    def _send(self, settings, tools):
        return self.client.messages.create(  # expect-not: missing-max-tokens, nonstreaming-max-tokens
            model=settings.model,
            messages=self.history,
            max_tokens=settings.max_tokens,
            system=self.system,
            tools=tools,
        )

    def step(self, user_text: str, settings, tools=anthropic.NOT_GIVEN) -> str:
        self.history.append({"role": "user", "content": user_text})
        wrapped = with_random_pause(  # expect: naive-retry
            func=self._send,
            provider="Anthropic",
            retries=settings.max_retries,
        )
        reply = wrapped(settings, tools)
        text = "".join(b.text for b in reply.content if b.type == "text")
        self.history.append({"role": "assistant", "content": reply.content})
        return text
