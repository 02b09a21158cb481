# realworld repro (positive + negative): naive-retry -- an async Claude client for a research graph: an attempt loop
# around a same-file method that runs a create in an executor sleeps 5 s doubling to a minute on RateLimitError
# (no jitter, never retry-after) on a default client with the SDK's retries on; look-alikes: a reply cut at
# max_tokens is asked once more of a fallback model (another request, not a retry), the catch-all handler tests the
# error text for network words only, a batch method gathers one task per request but each takes a semaphore slot and
# returns the answers to its caller, the model and max_tokens come from a config object, the system prompt is the
# caller's, the key comes from the environment
# source: grotyx/research-graphDB src/llm/claude_client.py:449
# source: grotyx/research-graphDB src/llm/claude_client.py:463
# source: grotyx/research-graphDB src/llm/claude_client.py:495
# source: grotyx/research-graphDB src/llm/claude_client.py:593
# source: grotyx/research-graphDB src/llm/claude_client.py:539
# source: grotyx/research-graphDB src/llm/claude_client.py:252
import asyncio
import os
from dataclasses import dataclass

import anthropic


@dataclass
class Settings:
    model: str = "claude-haiku-4-5-20251001"
    bigger_model: str = "claude-sonnet-4-5-20250929"
    attempts: int = 3
    out_tokens: int = 8192


class GraphClaude:
    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings()
        self.api = anthropic.Anthropic(api_key=os.environ.get("CLAUDE_KEY", ""))  # expect-not: retries-disabled, hardcoded-api-key

    async def _once(self, text: str, system: str | None, model: str) -> dict:
        loop = asyncio.get_event_loop()

        def blocking():
            body = {"model": model, "max_tokens": self.settings.out_tokens,
                    "messages": [{"role": "user", "content": text}]}
            if system:
                body["system"] = system
            return self.api.messages.create(**body)  # expect-not: batchable-fanout, model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt

        msg = await loop.run_in_executor(None, blocking)
        return {"text": msg.content[0].text, "stop": msg.stop_reason}

    async def ask(self, text: str, system: str | None = None) -> dict:
        model = self.settings.model
        last = None
        for n in range(self.settings.attempts):  # expect: naive-retry
            try:
                out = await self._once(text, system, model)
                if out["stop"] == "max_tokens" and model != self.settings.bigger_model:
                    model = self.settings.bigger_model
                    out = await self._once(text, system, model)  # expect-not: naive-retry
                return out
            except anthropic.RateLimitError as err:
                last = err
                await asyncio.sleep(min(2 ** n * 5, 60))
                continue
            except anthropic.APIStatusError as err:
                last = err
                if err.status_code in (500, 502, 503, 529):
                    await asyncio.sleep(min(2 ** n, 30))
                    continue
                raise
            except Exception as err:
                last = err
                words = str(err).lower()
                if any(w in words for w in ["dns", "network", "connection", "timeout"]):  # expect-not: string-matched-error
                    await asyncio.sleep(min(2 ** n, 30))
                    continue
                raise
        raise last or RuntimeError("all attempts failed")

    async def ask_many(self, asks: list[dict], width: int = 5) -> list:
        gate = asyncio.Semaphore(width)

        async def one(i, a):
            async with gate:
                return i, await self.ask(a["text"], a.get("system"))

        jobs = [one(i, a) for i, a in enumerate(asks)]
        done = await asyncio.gather(*jobs, return_exceptions=True)  # expect-not: unbounded-fanout
        kept = sorted(d for d in done if not isinstance(d, Exception))
        return [d[1] for d in kept]
