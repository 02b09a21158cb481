# realworld repro (positive + negative): naive-retry -- an evaluation client waits on a local requests-per-minute
# limiter before each attempt, then on RateLimitError sleeps its own doubling backoff (5 s, 10 s, small jitter) and
# sends the same ticket again, never reading retry-after, on a client that keeps the SDK's retries; look-alike: a
# BadRequestError handler tests "too many tokens" / "context_length" (a context overflow, not a rate limit)
# source: agarwalchirag77/support-ticket-evaluator src/clients/claude_client.py:49
# source: agarwalchirag77/support-ticket-evaluator src/clients/claude_client.py:71
# source: agarwalchirag77/support-ticket-evaluator src/clients/claude_client.py:53
# source: agarwalchirag77/support-ticket-evaluator src/clients/claude_client.py:34
import asyncio
import json
import random

import anthropic

from app.limits import MinuteGate


def pause_for(n: int, base: float = 5.0) -> float:
    d = min(base * (2 ** (n - 1)), 60.0)
    return d + random.uniform(0, d * 0.1)


class ContextTooLong(Exception):
    pass


class TicketJudge:
    def __init__(self, cfg, per_minute: int):
        self.cfg = cfg
        self.client = anthropic.AsyncAnthropic(api_key=cfg.key)  # expect-not: retries-disabled, hardcoded-api-key
        self.gate = MinuteGate(per_minute)

    async def score(self, rubric: str, ticket: str, tries: int = 3) -> dict:
        for n in range(1, tries + 1):  # expect: naive-retry
            await self.gate.acquire()
            try:
                out = await self.client.messages.create(  # expect-not: model-routing, nonstreaming-max-tokens, missing-max-tokens, uncached-prompt, batchable-fanout
                    model=self.cfg.model,
                    max_tokens=self.cfg.max_tokens,
                    system=rubric,
                    messages=[{"role": "user", "content": f"Ticket:\n{ticket}"}],
                )
                return json.loads(out.content[0].text)
            except anthropic.RateLimitError:
                if n == tries:
                    raise
                await asyncio.sleep(pause_for(n))
            except anthropic.BadRequestError as exc:
                if "too many tokens" in str(exc).lower() or "context_length" in str(exc).lower():  # expect-not: string-matched-error
                    raise ContextTooLong(str(exc)) from exc
                raise
        raise RuntimeError("ticket scoring failed")
