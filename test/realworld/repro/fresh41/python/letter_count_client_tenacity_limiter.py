# realworld repro (positive + negative): naive-retry -- a benchmark's Claude client class takes a per-minute limiter
# from its factory and wraps its async query method in a tenacity decorator: five attempts, exponential wait, retry on
# a class tuple that starts with Exception (rate limits included), never retry-after, on an AsyncAnthropic client that
# keeps the SDK's retries; the create itself asks for 8000 tokens without a system prompt (look-alikes)
# source: iuriialekseev/StrawberryBench src/clients/anthropic.py:23
# source: iuriialekseev/StrawberryBench src/clients/anthropic.py:31
# source: iuriialekseev/StrawberryBench src/clients/anthropic.py:21
import os

from anthropic import AsyncAnthropic, InternalServerError
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential

SAMPLING_TEMPERATURE = 1.0


class LetterCountClaude:
    def __init__(self, model: str, limiter):
        self.model = model.removeprefix("anthropic/")
        self.limiter = limiter
        self.client = AsyncAnthropic(api_key=os.environ.get("ANTHROPIC_API_KEY"))  # expect-not: retries-disabled, hardcoded-api-key

    @retry(  # expect: naive-retry; expect-not: string-matched-error
        stop=stop_after_attempt(5),
        wait=wait_exponential(multiplier=2, min=2),
        retry=retry_if_exception_type((Exception, InternalServerError)),
    )
    async def ask(self, question: str) -> str:
        await self.limiter.acquire()
        reply = await self.client.messages.create(  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
            model=self.model,
            max_tokens=8000,
            temperature=SAMPLING_TEMPERATURE,
            messages=[{"role": "user", "content": question}],
        )
        for block in reply.content:
            if getattr(block, "type", None) == "text":
                return block.text
        return ""
