# realworld repro (positive + negative): naive-retry -- a request-time query handler's shared helper tries a Sonnet
# create three times and, on RateLimitError, sleeps a fixed 2 s before re-sending (no growth, no jitter, no
# retry-after); look-alikes: the rate limit is caught by class, and the 256-token classification call is made once per
# incoming query, not in a loop over data
# source: Cventura12/CG-agent- gc_agent/nodes/query_handler.py:97
# source: Cventura12/CG-agent- gc_agent/nodes/query_handler.py:113
# source: Cventura12/CG-agent- gc_agent/nodes/query_handler.py:99
import asyncio
import json
import os

from anthropic import AsyncAnthropic, RateLimitError

MODEL = "claude-sonnet-4-5"
_api = None


def api() -> AsyncAnthropic:
    global _api
    if _api is None:
        _api = AsyncAnthropic(api_key=os.environ["ANTHROPIC_API_KEY"])
    return _api


async def ask(system: str, user: str, limit: int = 512) -> str:
    for n in range(1, 4):  # expect: naive-retry
        try:
            reply = await api().messages.create(  # expect-not: model-routing, batchable-fanout, missing-max-tokens, uncached-prompt
                model=MODEL,
                max_tokens=limit,
                system=system,
                messages=[{"role": "user", "content": user}],
            )
            return reply.content[0].text
        except RateLimitError:  # expect-not: string-matched-error
            if n >= 3:
                raise
            await asyncio.sleep(2)
    return ""


async def route(question: str) -> dict:
    raw = await ask("You sort site-office questions.", f"Return JSON with a 'kind' key for: {question}", limit=256)
    return json.loads(raw)
