# realworld repro (positive + negative): naive-retry -- an attempt loop around a helper that catches every API
# error and returns an error dict, so a 429 makes the loop re-send at once (no wait, doubled max_tokens);
# look-alikes -- the same loop and a 'rate limit' text test around an OpenAI client, and asyncio.gather over one
# task per conversation whose tasks enter a Semaphore first
# source: YAMR7N/maidscc-llm-evals-pipeline scripts/run_pipeline.py:596
# source: YAMR7N/maidscc-llm-evals-pipeline scripts/run_pipeline.py:287
# source: YAMR7N/maidscc-llm-evals-pipeline scripts/run_pipeline.py:321
# source: YAMR7N/maidscc-llm-evals-pipeline scripts/run_pipeline.py:778
import asyncio
import random

import anthropic
import openai


class Judge:
    def __init__(self, provider, model, tries=4):
        self.provider = provider
        self.model = model
        self.tries = tries
        self.claude = anthropic.AsyncAnthropic()
        self.gpt = openai.AsyncOpenAI()

    async def _claude_once(self, transcript, rubric, attempt):
        try:
            reply = await self.claude.messages.create(
                model=self.model,
                max_tokens=2048 * (2 if attempt else 1),
                system=rubric,
                messages=[{"role": "user", "content": transcript}],
            )
            return {"text": reply.content[0].text}
        except Exception as exc:
            return {"text": "", "error": str(exc)}

    async def claude_with_tries(self, transcript, rubric):
        for attempt in range(self.tries):  # expect: naive-retry
            result = await self._claude_once(transcript, rubric, attempt)
            if not result.get("error"):
                return result
        return {"text": "", "error": "gave up"}

    async def gpt_with_tries(self, transcript, rubric):
        for attempt in range(self.tries):  # expect-not: naive-retry
            try:
                reply = await self.gpt.chat.completions.create(
                    model=self.model,
                    messages=[{"role": "system", "content": rubric}, {"role": "user", "content": transcript}],
                )
                return {"text": reply.choices[0].message.content}
            except Exception as exc:
                text = str(exc).lower()
                if "rate limit" in text or "429" in text:  # expect-not: string-matched-error
                    await asyncio.sleep(min(2**attempt + random.random(), 30))
                    continue
                return {"text": "", "error": str(exc)}
        return {"text": "", "error": "gave up"}

    async def grade(self, transcript, rubric, gate):
        async with gate:
            if self.provider == "anthropic":
                return await self.claude_with_tries(transcript, rubric)
            return await self.gpt_with_tries(transcript, rubric)

    async def grade_all(self, transcripts, rubric, limit=10):
        gate = asyncio.Semaphore(limit)
        return await asyncio.gather(*[self.grade(t, rubric, gate) for t in transcripts])  # expect-not: unbounded-fanout
