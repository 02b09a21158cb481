# realworld repro (positive + negative): naive-retry -- a provider class decorates its async completion method with
# tenacity's @retry (random exponential wait 5-60 s, six attempts, no retry= filter) and awaits a same-file method
# that makes the AsyncAnthropic create; retry-after is never read and the client keeps the SDK's own retries;
# look-alikes: an Opus default with no loop in the file, max_tokens a parameter (1024), the system prompt taken from
# the caller's list, a crude in-flight counter that sleeps 60 s when four requests are out
# source: ethanedwards/gloss llm/claude.py:24
# source: ethanedwards/gloss llm/claude.py:49
# source: ethanedwards/gloss llm/claude.py:15
# source: ethanedwards/gloss llm/claude.py:26
import asyncio

from anthropic import AsyncAnthropic
from tenacity import retry, stop_after_attempt, wait_random_exponential

import settings


class ClaudeGlosser:
    def __init__(self):
        self.client = AsyncAnthropic(api_key=settings.claude_key)  # expect-not: retries-disabled
        self.in_flight = 0
        self.ceiling = 4

    @retry(wait=wait_random_exponential(min=5, max=60), stop=stop_after_attempt(6))  # expect: naive-retry; expect-not: string-matched-error
    async def complete(self, turns, model="claude-opus-4-1", max_tokens=1024, temperature=0.7):
        while self.in_flight >= self.ceiling:  # expect-not: unbounded-fanout
            await asyncio.sleep(60)
        self.in_flight += 1
        reply = await self._send(turns, model, max_tokens, temperature)
        self.in_flight -= 1
        return reply.content[0].text

    def build_turns(self, question, system="You gloss Latin verse line by line."):
        return [system, {"role": "user", "content": question}]

    def _send(self, turns, model="claude-opus-4-1", max_tokens=1024, temperature=0.7):
        system, rest = turns[0], turns[1:]
        return self.client.messages.create(  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, batchable-fanout, uncached-prompt
            system=system,
            max_tokens=max_tokens,
            messages=rest,
            model=model,
            temperature=temperature,
        )
