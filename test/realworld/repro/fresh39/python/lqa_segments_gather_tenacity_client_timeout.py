# realworld repro (positive + negative): naive-retry, unbounded-fanout -- a tenacity decorator with no exception
# filter (three attempts, random exponential wait) on the coroutine that sends one review request with extended
# thinking and a cached system block, every segment started at once by asyncio.gather with no semaphore; the request
# is non-streaming at 32,000 tokens but the client it receives was built with a 30-minute timeout in the calling
# function (nonstreaming-max-tokens look-alike)
# source: ibrahimmenshawy94/Skyscanner_MateCAT_LQA src/llm/claude.py:13
# source: ibrahimmenshawy94/Skyscanner_MateCAT_LQA src/llm/claude.py:80
# source: ibrahimmenshawy94/Skyscanner_MateCAT_LQA src/llm/claude.py:28
# source: ibrahimmenshawy94/Skyscanner_MateCAT_LQA src/llm/claude.py:70
import asyncio
import json

from anthropic import AsyncAnthropic
from tenacity import retry, stop_after_attempt, wait_random_exponential


@retry(stop=stop_after_attempt(3), wait=wait_random_exponential(multiplier=1, max=60), reraise=True)  # expect: naive-retry
async def review_segment(client: AsyncAnthropic, model: str, segment: dict) -> dict:
    reply = await client.messages.create(  # expect-not: nonstreaming-max-tokens, uncached-prompt, missing-max-tokens, model-routing, batchable-fanout
        model=model,
        max_tokens=32_000,
        system=[{"type": "text", "text": segment["rubric"], "cache_control": {"type": "ephemeral"}}],
        messages=[{"role": "user", "content": segment["text"]}],
        thinking={"type": "enabled", "budget_tokens": 28_000},
    )
    return json.loads(reply.content[-1].text)


async def review_all(api_key: str, model: str, segments: list[dict]) -> list[dict]:
    client = AsyncAnthropic(api_key=api_key, timeout=60 * 30)  # expect-not: retries-disabled, hardcoded-api-key

    async def guarded(segment: dict) -> dict:
        try:
            return await review_segment(client, model, segment)
        except Exception as err:  # expect-not: string-matched-error
            return {"error": str(err)}

    try:
        return await asyncio.gather(*(guarded(s) for s in segments))  # expect: unbounded-fanout
    finally:
        await client.close()
