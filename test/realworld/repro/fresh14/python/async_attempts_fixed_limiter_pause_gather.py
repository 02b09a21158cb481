# realworld repro (positive + negative): naive-retry -- a research library's async helper loops over attempts around
# an AsyncAnthropic create built from a params dict; before each attempt it waits on a limiter whose acquire holds a
# lock across a fixed four-second sleep, and its catch-all handler logs and continues to the next attempt, so a 429
# is re-sent after that fixed pause with no growth, no jitter and no look at retry-after (the SDK's own retries stay
# on); look-alikes: the processor classes gather one task per item but each task waits on that limiter first, the
# module also submits the same prompts through messages.batches.create and has no entry point, and a one-token
# constant probe reads the rate-limit headers
# (corrected by tuneK: the original waits through the limiter's own acquire_with_backoff wrapper, which calls acquire,
# not on acquire directly; the reproduction now does the same)
# source: whitebox-research/c2-proving-ground-martinez-cot src/anthropic_utils.py:248
# source: whitebox-research/c2-proving-ground-martinez-cot src/anthropic_utils.py:598
# source: whitebox-research/c2-proving-ground-martinez-cot src/anthropic_utils.py:63
# source: whitebox-research/c2-proving-ground-martinez-cot src/anthropic_utils.py:282
import asyncio
import logging
import os

from anthropic import Anthropic, AsyncAnthropic
from tqdm.asyncio import tqdm

KEY = os.getenv("ANTHROPIC_API_KEY")


def read_limits() -> dict:
    probe = Anthropic(api_key=KEY)
    raw = probe.messages.with_raw_response.create(  # expect-not: model-routing, missing-max-tokens
        model="claude-3-5-sonnet-20240620",
        max_tokens=1,
        messages=[{"role": "user", "content": "ping"}],
    )
    return {"requests": int(raw.headers.get("anthropic-ratelimit-requests-limit", 0))}


class Pacer:
    def __init__(self):
        self._lock = asyncio.Lock()

    async def acquire(self):
        async with self._lock:
            await asyncio.sleep(4)

    async def acquire_with_backoff(self, tries=3):
        for attempt in range(tries):
            try:
                await self.acquire()
                return
            except Exception:
                await asyncio.sleep(60 * attempt)


async def answer(prompt, client, model, budget, tries, check, pacer=None):
    for attempt in range(tries):  # expect: naive-retry
        try:
            if pacer:
                await pacer.acquire_with_backoff()
            params = {
                "model": model,
                "max_tokens": budget,
                "temperature": 0.7,
                "messages": [{"role": "user", "content": prompt}],
            }
            reply = await client.messages.create(**params)  # expect-not: missing-max-tokens, nonstreaming-max-tokens, uncached-prompt, batchable-fanout, model-routing
            if not reply.content:
                continue
            verdict = check(reply.content[0].text)
            if verdict is not None:
                return verdict
            continue
        except Exception as err:
            logging.warning("attempt %d failed: %s", attempt + 1, err)
            continue
    return None


class Processor:
    def __init__(self, model, budget, tries, check):
        self.model = model
        self.budget = budget
        self.tries = tries
        self.check = check
        self.client = AsyncAnthropic(api_key=KEY)
        self.pacer = None

    async def run_all(self, items):
        if self.pacer is None:
            read_limits()
            self.pacer = Pacer()

        async def one(item, prompt):
            got = await answer(prompt, self.client, self.model, self.budget, self.tries, self.check, self.pacer)
            return item, got

        try:
            jobs = [one(item, prompt) for item, prompt in items]
            return await tqdm.gather(*jobs)  # expect-not: unbounded-fanout
        finally:
            await self.client.close()


def submit_as_batch(prompts: dict, model: str, budget: int) -> str:
    requests = [
        {"custom_id": key, "params": {"model": model, "max_tokens": budget, "messages": [{"role": "user", "content": text}]}}
        for key, text in prompts.items()
    ]
    return Anthropic().messages.batches.create(requests=requests).id
