# realworld repro (negative): naive-retry -- a loop around a local streaming function that retries
# only the app's own "empty answer" error; API errors propagate to the caller
# source: Pythagora-io/gpt-pilot core/llm/anthropic_client.py:114
import asyncio

from anthropic import AsyncAnthropic


class EmptyAnswer(Exception):
    pass


class Writer:
    def __init__(self):
        self.api = AsyncAnthropic()

    async def draft(self, turns, extra_tries=1):
        async def once():
            parts = []
            async with self.api.messages.stream(model="claude-sonnet-4-5", max_tokens=2048, messages=turns) as s:
                async for piece in s.text_stream:
                    parts.append(piece)
            if not parts:
                raise EmptyAnswer()
            return "".join(parts)

        for n in range(extra_tries + 1):  # expect-not: naive-retry
            try:
                return await once()
            except EmptyAnswer:
                if n == extra_tries:
                    raise
                await asyncio.sleep(1)
                continue
