# realworld repro (negative): nonstreaming-max-tokens -- 50,000 max_tokens in a params dict, sent with messages.stream
# source: abi/screenshot-to-code backend/agent/providers/anthropic/provider.py:373
from anthropic import AsyncAnthropic


class Session:
    def __init__(self, client: AsyncAnthropic, model: str):
        self.client = client
        self.model = model

    async def run(self, system, turns, on_text):
        options = {"model": self.model, "max_tokens": 50000, "system": system, "messages": turns}
        async with self.client.messages.stream(**options) as stream:  # expect-not: nonstreaming-max-tokens
            async for piece in stream.text_stream:
                await on_text(piece)
