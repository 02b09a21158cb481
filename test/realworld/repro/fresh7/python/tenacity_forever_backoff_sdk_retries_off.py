# realworld repro (positive + negative): naive-retry and a retries-disabled look-alike -- a multi-provider
# agent factory wraps its async call in tenacity's @retry with an exponential wait and no stop or predicate,
# so every error (rate limits included) is re-sent forever; the Claude branch builds its client with
# max_retries=0 because the decorator owns the retries
# source: JackHopkins/factorio-learning-environment fle/agents/llm/api_factory.py:76
# source: JackHopkins/factorio-learning-environment fle/agents/llm/api_factory.py:163
import asyncio

import anthropic
from tenacity import retry, wait_exponential


class ModelGateway:
    def __init__(self, model):
        self.model = model

    @retry(wait=wait_exponential(multiplier=1, min=3, max=20))  # expect: naive-retry
    async def ask(self, system, turns, max_tokens=1200):
        if not self.model.startswith("claude"):
            raise ValueError(f"unsupported model {self.model}")
        try:
            sdk = anthropic.Anthropic(max_retries=0)  # expect-not: retries-disabled
            return await asyncio.to_thread(
                sdk.messages.create,
                model=self.model,
                max_tokens=max_tokens,
                system=system,
                messages=turns,
            )
        except Exception as exc:
            print(exc)
            raise
