# realworld repro (positive + negative): naive-retry -- a client class whose async chat method builds its request
# dict, then defines an inner coroutine under tenacity's @retry (three attempts, exponential wait, picked by class:
# rate limits, connection and server errors) and awaits it once; retry-after is never read and the async client keeps
# the SDK's own retries; look-alikes: the sync chat sends once, max_tokens is a parameter defaulting to 16,384 on a
# client with a timeout, the long thinking call is streamed, and a Message Batches submit
# source: giatenica/gia-agentic-short src/llm/claude_client.py:469
# source: giatenica/gia-agentic-short src/llm/claude_client.py:417
# source: giatenica/gia-agentic-short src/llm/claude_client.py:476
# source: giatenica/gia-agentic-short src/llm/claude_client.py:546
# source: giatenica/gia-agentic-short src/llm/claude_client.py:668
import os

import anthropic
import httpx
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential

TIERS = {"fast": "claude-haiku-4-5", "main": "claude-sonnet-4-5"}


class TieredClaude:
    def __init__(self, tier: str = "main"):
        limits = httpx.Timeout(600.0, connect=30.0)
        key = os.getenv("ANTHROPIC_API_KEY")
        self.sync = anthropic.Anthropic(api_key=key, timeout=limits)  # expect-not: retries-disabled, hardcoded-api-key
        self.aio = anthropic.AsyncAnthropic(api_key=key, timeout=limits)  # expect-not: retries-disabled
        self.model = TIERS[tier]

    def _system(self, text):
        return [{"type": "text", "text": text, "cache_control": {"type": "ephemeral"}}]

    def ask(self, turns: list, system: str | None = None, max_tokens: int = 16384) -> str:
        params = {"model": self.model, "max_tokens": max_tokens, "messages": turns}
        if system:
            params["system"] = self._system(system)
        reply = self.sync.messages.create(**params)  # expect-not: naive-retry, nonstreaming-max-tokens, missing-max-tokens, model-routing, uncached-prompt, batchable-fanout
        return reply.content[0].text

    async def ask_async(self, turns: list, system: str | None = None, max_tokens: int = 16384) -> str:
        params = {"model": self.model, "max_tokens": max_tokens, "messages": turns}
        if system:
            params["system"] = self._system(system)

        @retry(  # expect: naive-retry; expect-not: string-matched-error
            stop=stop_after_attempt(3),
            wait=wait_exponential(multiplier=1, min=1, max=10),
            retry=retry_if_exception_type((anthropic.RateLimitError, anthropic.APIConnectionError, anthropic.InternalServerError)),
            reraise=True,
        )
        async def _send():
            return await self.aio.messages.create(**params)  # expect-not: nonstreaming-max-tokens, missing-max-tokens, unbounded-fanout

        reply = await _send()
        return reply.content[0].text

    def think(self, turns: list, max_tokens: int = 32000, budget: int = 16000) -> str:
        params = {
            "model": self.model,
            "max_tokens": max_tokens,
            "thinking": {"type": "enabled", "budget_tokens": budget},
            "messages": turns,
        }
        parts = []
        with self.sync.messages.stream(**params) as stream:  # expect-not: nonstreaming-max-tokens, naive-retry
            for text in stream.text_stream:
                parts.append(text)
        return "".join(parts)

    def submit(self, jobs: list[tuple[str, str]]) -> str:
        requests = [
            {"custom_id": cid, "params": {"model": self.model, "max_tokens": 16384, "messages": [{"role": "user", "content": text}]}}
            for cid, text in jobs
        ]
        batch = self.sync.messages.batches.create(requests=requests)  # expect-not: missing-max-tokens, batchable-fanout, nonstreaming-max-tokens
        return batch.id
