# realworld repro (positive): naive-retry -- tenacity decorators that retry any Exception with exponential
# waits around messages.create on clients that keep the SDK's own retries (one sync call pushed into an
# executor under a semaphore, one AsyncAnthropic call taking **kwargs)
# source: HBBobo/Intelligent-Chunking src/claude_client.py:61
# source: Aashena/NL2SQL src/llm/anthropic_client.py:83
import asyncio

import anthropic
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential

ATTEMPTS = 4


class BoundaryScorer:
    def __init__(self, width=5):
        self.sync_api = anthropic.Anthropic()
        self.gate = asyncio.Semaphore(width)

    @retry(  # expect: naive-retry
        stop=stop_after_attempt(ATTEMPTS),
        wait=wait_exponential(multiplier=1, min=2, max=60),
        retry=retry_if_exception_type((Exception,)),
        reraise=True,
    )
    async def _ask(self, prompt):
        loop = asyncio.get_event_loop()
        reply = await loop.run_in_executor(
            None,
            lambda: self.sync_api.messages.create(
                model="claude-haiku-4-5",
                max_tokens=1024,
                messages=[{"role": "user", "content": prompt}],
            ),
        )
        return reply.content[0].text

    async def score(self, prompt):
        async with self.gate:
            return await self._ask(prompt)


class SqlDrafter:
    def __init__(self):
        self.api = anthropic.AsyncAnthropic()

    @retry(  # expect: naive-retry
        retry=retry_if_exception_type(Exception),
        wait=wait_exponential(multiplier=1, min=2, max=30),
        stop=stop_after_attempt(3),
        reraise=True,
    )
    async def _send(self, **params):
        return await self.api.messages.create(**params)
