# realworld repro (positive + negative): naive-retry, unbounded-fanout -- a review helper decorates its one-call
# coroutine with tenacity (three attempts, random exponential wait up to 60 s, every exception retried) on top of an
# AsyncAnthropic that keeps the SDK's retries, and gathers one such task per prompt with no semaphore; look-alikes:
# 18,000 non-streaming tokens stay under the ceiling, the system block is cached, the per-task handler only returns
# an error dict, and the key is a parameter
# source: aleksandrasobanska-cyber/Skyscanner_MateCAT_LQA src/llm/claude.py:13
# source: aleksandrasobanska-cyber/Skyscanner_MateCAT_LQA src/llm/claude.py:73
# source: aleksandrasobanska-cyber/Skyscanner_MateCAT_LQA src/llm/claude.py:28
# source: aleksandrasobanska-cyber/Skyscanner_MateCAT_LQA src/llm/claude.py:68
# source: aleksandrasobanska-cyber/Skyscanner_MateCAT_LQA src/llm/claude.py:63
import asyncio
import json
import logging

from anthropic import AsyncAnthropic
from tenacity import retry, stop_after_attempt, wait_random_exponential

log = logging.getLogger(__name__)


@retry(stop=stop_after_attempt(3), wait=wait_random_exponential(multiplier=1, max=60), reraise=True)  # expect: naive-retry
async def _review_once(model, item, client):
    msg = await client.messages.create(  # expect-not: nonstreaming-max-tokens, uncached-prompt, missing-max-tokens, model-routing, batchable-fanout
        model=model,
        max_tokens=18_000,
        system=[{"type": "text", "text": item["rubric"], "cache_control": {"type": "ephemeral"}}],
        messages=[{"role": "user", "content": item["segment"]}],
        thinking={"type": "enabled", "budget_tokens": 16_000},
    )
    return json.loads(msg.content[-1].text)


async def review_all(api_key, model, items):
    client = AsyncAnthropic(api_key=api_key)  # expect-not: retries-disabled, hardcoded-api-key

    async def guarded(item):
        try:
            return await _review_once(model, item, client)
        except Exception as exc:  # expect-not: string-matched-error
            log.error("review failed: %s", exc)
            return {"error": str(exc)}

    try:
        return await asyncio.gather(*(guarded(i) for i in items))  # expect: unbounded-fanout
    finally:
        await client.close()
