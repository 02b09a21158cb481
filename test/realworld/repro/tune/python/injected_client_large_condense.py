# realworld repro (positive): nonstreaming-max-tokens -- a class holding an injected AsyncAnthropic
# (built elsewhere, no timeout) sends a non-streaming create with max_tokens=64000 and thinking
# source: AuroSoni/anthropic-agent anthropic_agent/core/compaction.py:852
import anthropic


class HistoryCondenser:
    def __init__(self, client: anthropic.AsyncAnthropic, model: str):
        self.client = client
        self.model = model

    async def condense(self, turns, instructions):
        request_turns = list(turns) + [{"role": "user", "content": instructions}]
        result = await self.client.messages.create(  # expect: nonstreaming-max-tokens
            model=self.model,
            max_tokens=64000,
            thinking={"type": "enabled", "budget_tokens": 12000},
            system="Condense the conversation so far.",
            messages=request_turns,
        )
        return result.content[-1].text
