# realworld repro (positive + negative): naive-retry -- a market-signal agent class sends one Sonnet request per
# analyse() call through asyncio.to_thread with the bound create method and its keyword params, inside a
# three-attempt loop whose handler sleeps 1 s then 2 s on RateLimitError or a connection error (doubling, no jitter,
# retry-after never read, the SDK's own retries still on underneath) and asks again at once on invalid JSON;
# look-alikes: 1,024 tokens from a class constant, a system prompt imported from another module, one request per
# call with no loop over data in the file, class-based handlers, the key from the environment
# source: maxmcoste/trading-bot ai/claude_agent.py:84
# source: maxmcoste/trading-bot ai/claude_agent.py:88
# source: maxmcoste/trading-bot ai/claude_agent.py:110
# source: maxmcoste/trading-bot ai/claude_agent.py:55
import asyncio
import json
import logging
import os

import anthropic

from desk.prompts import DESK_PROMPT

log = logging.getLogger(__name__)


class SignalDesk:
    MODEL = "claude-sonnet-4-5"
    MAX_TOKENS = 1024
    TRIES = 3

    def __init__(self) -> None:
        self.api = anthropic.Anthropic(api_key=os.getenv("ANTHROPIC_API_KEY", ""))  # expect-not: retries-disabled, hardcoded-api-key

    async def analyse(self, ticker: str, brief: str) -> dict | None:
        for n in range(self.TRIES):  # expect: naive-retry
            try:
                reply = await asyncio.to_thread(  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
                    self.api.messages.create,
                    model=self.MODEL,
                    max_tokens=self.MAX_TOKENS,
                    system=DESK_PROMPT,
                    messages=[{"role": "user", "content": brief}],
                )
                return json.loads(reply.content[0].text)
            except anthropic.RateLimitError:  # expect-not: string-matched-error
                pause = 2**n
                log.warning("throttled on %s, next try in %ss", ticker, pause)
                await asyncio.sleep(pause)
            except anthropic.APIConnectionError:
                await asyncio.sleep(2**n)
            except json.JSONDecodeError:
                log.error("bad JSON for %s", ticker)
                if n == self.TRIES - 1:
                    return None
        return None
