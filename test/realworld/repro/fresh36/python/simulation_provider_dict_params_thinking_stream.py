# realworld repro (negative): a provider class builds its params as a dict inside the method (max_tokens 1,024, or
# 16,000 with extended thinking), sends the thinking case through messages.stream and get_final_message and the plain
# case through a non-streaming create(**params); the model is an attribute picked by the caller, no loop here
# source: RossFW/GABM-Mobility-Curve providers/anthropic_provider.py:103
# source: RossFW/GABM-Mobility-Curve providers/anthropic_provider.py:160
# source: RossFW/GABM-Mobility-Curve providers/anthropic_provider.py:53
import anthropic

THINKING_BUDGETS = {"low": 2000, "medium": 5000, "high": 10000}


class ClaudeAgentBackend:
    def __init__(self, model: str, api_key: str, reasoning: str = "off"):
        self.model = model
        self.reasoning = reasoning
        self.client = anthropic.Anthropic(api_key=api_key)  # expect-not: retries-disabled, hardcoded-api-key

    def complete(self, turns: list[dict], temperature: float) -> str:
        system = next((t["content"] for t in turns if t["role"] == "system"), "")
        chat = [t for t in turns if t["role"] != "system"]
        thinking = self.reasoning != "off"
        params = {
            "model": self.model,
            "max_tokens": 16000 if thinking else 1024,
            "messages": chat,
        }
        if system:
            params["system"] = system
        if thinking:
            params["thinking"] = {"type": "enabled", "budget_tokens": THINKING_BUDGETS.get(self.reasoning, 5000)}
            params["temperature"] = 1
            reply = self._streamed(params)
        else:
            params["temperature"] = temperature
            reply = self.client.messages.create(**params)  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout, naive-retry
        return next((b.text for b in reply.content if b.type == "text"), "")

    def _streamed(self, params: dict):
        with self.client.messages.stream(**params) as stream:  # expect-not: missing-max-tokens, nonstreaming-max-tokens
            return stream.get_final_message()
