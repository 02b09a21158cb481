# realworld repro (positive + negative): naive-retry -- an async document classifier hands each messages.create to a
# same-file method as a lambda; the method's for loop of three attempts waits 1, 2, 4 s on RateLimitError and 1 s on
# other APIError before sending again, never reading retry-after, on an AsyncAnthropic client (with a timeout) that
# keeps the SDK's own retries; the per-document loop lives in another module
# source: MitchWo/Property-Tax-Return-Automation app/services/claude_client.py:43
# source: MitchWo/Property-Tax-Return-Automation app/services/claude_client.py:64
# source: MitchWo/Property-Tax-Return-Automation app/services/claude_client.py:31
# source: MitchWo/Property-Tax-Return-Automation app/services/claude_client.py:192
import asyncio
import json
import logging

import httpx
from anthropic import APIError, AsyncAnthropic, RateLimitError

log = logging.getLogger(__name__)

SUMMARY_SYSTEM = "You check whether a warranty claim file is complete. Reply with JSON only."


class ClaimReader:
    def __init__(self, key: str, model: str) -> None:
        self.client = AsyncAnthropic(  # expect-not: retries-disabled, hardcoded-api-key
            api_key=key,
            timeout=httpx.Timeout(90.0, connect=5.0),
        )
        self.model = model
        self.tries = 3

    async def _guarded(self, make_request):
        failure = None
        for n in range(self.tries):  # expect: naive-retry
            try:
                reply = await make_request()
                log.info("tokens in=%s", reply.usage.input_tokens)
                return reply
            except RateLimitError as exc:
                failure = exc
                await asyncio.sleep(2**n)
            except APIError as exc:  # expect-not: string-matched-error
                failure = exc
                if n < self.tries - 1:
                    await asyncio.sleep(1)
                else:
                    raise
        raise failure

    async def summarise_claim(self, parts: list[str]) -> dict:
        listing = "\n".join(f"- {p}" for p in parts)
        reply = await self._guarded(
            lambda: self.client.messages.create(  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
                model=self.model,
                max_tokens=3000,
                temperature=0.1,
                system=SUMMARY_SYSTEM,
                messages=[{"role": "user", "content": f"Parts received:\n{listing}"}],
            )
        )
        return json.loads(reply.content[0].text)
