# realworld repro (negative): retries-disabled -- the SDK's retries default to 0 because the
# framework around this plugin retries every request itself
# source: livekit/agents livekit-plugins/livekit-plugins-anthropic/livekit/plugins/anthropic/llm.py:130
import os

import anthropic
import httpx


class ClaudeLLM:
    def __init__(self, api_key=None, max_retries=None, timeout=None):
        key = api_key or os.environ.get("ANTHROPIC_API_KEY")
        # The framework's connection options own the retry policy, so the vendor client does not retry.
        self.client = anthropic.AsyncClient(
            api_key=key,
            max_retries=max_retries if max_retries is not None else 0,  # expect-not: retries-disabled
            http_client=httpx.AsyncClient(timeout=timeout or httpx.Timeout(5.0, read=30.0)),
        )

    async def chat(self, turns):
        return await self.client.messages.create(model="claude-haiku-4-5", max_tokens=1024, messages=turns, stream=True, timeout=30)
