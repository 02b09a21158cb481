# realworld repro: naive-retry (positive) -- an attempt loop around LangChain ChatAnthropic.ainvoke that sleeps
# 2**attempt after any exception, 429s included, never reading retry-after; missing-max-tokens look-alike --
# ChatAnthropic built without max_tokens (LangChain supplies its own default)
# source: NekoMonci12/knowledge-base-builder anthropic_client.py:31
# source: NekoMonci12/knowledge-base-builder anthropic_client.py:19
import asyncio

from langchain_anthropic import ChatAnthropic
from langchain_core.messages import HumanMessage


class NotesModel:
    def __init__(self, key, tries=3, lanes=4):
        self.tries = tries
        self.gate = asyncio.Semaphore(lanes)
        self.chat = ChatAnthropic(  # expect-not: missing-max-tokens
            model="claude-sonnet-4-5",
            temperature=0.3,
            anthropic_api_key=key,
        )

    async def summarise(self, text):
        for attempt in range(1, self.tries + 1):  # expect: naive-retry
            try:
                async with self.gate:
                    out = await self.chat.ainvoke([HumanMessage(content=f"Summarise:\n{text}")])
                    return out.content
            except Exception:
                if attempt == self.tries:
                    raise
                await asyncio.sleep(2**attempt)
