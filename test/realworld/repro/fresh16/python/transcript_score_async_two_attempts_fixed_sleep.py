# realworld repro (positive): naive-retry -- a service method scores one support-call transcript with an async Haiku
# create inside a two-attempt loop; the catch-all handler (JSON errors and API errors alike, rate limits included)
# logs and sleeps a fixed 1 s, then sends the same prompt again without reading retry-after; success returns, a
# fallback answer follows the loop
# source: ArchnaRock/call-transcript-analyzer app/services/claude_service.py:29
import asyncio
import json
import logging

from anthropic import AsyncAnthropic

log = logging.getLogger(__name__)


class CallScorer:
    def __init__(self, key: str):
        self.client = AsyncAnthropic(api_key=key)  # expect-not: retries-disabled, hardcoded-api-key

    async def score(self, transcript: str) -> dict:
        ask = f"""Rate the agent in this call from 1 to 10 and give one reason, as JSON
with keys score and reason.

Call:
{transcript}
"""
        for attempt in range(2):  # expect: naive-retry
            try:
                reply = await self.client.messages.create(  # expect-not: model-routing, batchable-fanout, missing-max-tokens
                    model="claude-3-haiku-20240307",
                    max_tokens=250,
                    temperature=0,
                    messages=[{"role": "user", "content": ask}],
                )
                parsed = json.loads(reply.content[0].text)
                return {"score": int(parsed.get("score", 5)), "reason": parsed.get("reason", "")}
            except Exception as exc:  # expect-not: string-matched-error
                log.warning("scoring attempt %d failed: %s", attempt + 1, exc)
                await asyncio.sleep(1)
        return {"score": 5, "reason": "unavailable"}
