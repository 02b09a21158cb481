# realworld repro (positive + negative): batchable-fanout -- an awards-evidence crawl skips subjects that already have
# evidence, gathers the pending ones behind a semaphore sized from the environment, and for every fetched page sends
# one structured messages.parse through an extractor object (a factory picks it) whose answer is inserted into the
# database; look-alikes: a one-off 4-token probe that reads the rate-limit headers, a per-minute input-token budget,
# the SDK's retries raised to 5 with a 90 s timeout, a retry loop around a web-search API (not Claude), a per-page
# handler that logs and moves on (the source's Opus default is an `ignore` site, so the model here is Sonnet)
# source: AvinashKamadri/stevie-platform src/stevie_platform/acquisition/evidence.py:290
# source: AvinashKamadri/stevie-platform src/stevie_platform/acquisition/evidence.py:571
# source: AvinashKamadri/stevie-platform src/stevie_platform/acquisition/evidence.py:271
# source: AvinashKamadri/stevie-platform src/stevie_platform/acquisition/evidence.py:148
# source: AvinashKamadri/stevie-platform src/stevie_platform/acquisition/evidence.py:255
# source: AvinashKamadri/stevie-platform src/stevie_platform/acquisition/evidence.py:557
import asyncio
import os
import time

import httpx
from pydantic import BaseModel

from awards_app import store

ASK = "Summarise what this page says about {who}: achievements, figures, quotes.\n\n{page}"


class PageFacts(BaseModel):
    highlights: list[str]
    figures: list[str]
    quotes: list[str]
    summary: str


class MinuteBudget:
    def __init__(self, cap: int):
        self.cap = cap
        self.spent: list[tuple[float, int]] = []

    async def take(self, n: int) -> None:
        while True:
            now = time.monotonic()
            self.spent = [(t, k) for (t, k) in self.spent if now - t < 60]
            if sum(k for _, k in self.spent) + n <= self.cap or not self.spent:
                self.spent.append((now, n))
                return
            await asyncio.sleep(5)


class WebSearch:
    async def find(self, who: str) -> list[str]:
        for n in range(3):  # expect-not: naive-retry
            try:
                async with httpx.AsyncClient(timeout=30) as http:
                    r = await http.post("https://search.example.org/v1/query", json={"q": who})
                    r.raise_for_status()
                return [hit["url"] for hit in r.json()["hits"]]
            except (httpx.TransportError, httpx.HTTPStatusError):
                await asyncio.sleep(2 * (n + 1))
        return []


class SonnetReader:
    def __init__(self):
        import anthropic

        self.client = anthropic.AsyncAnthropic(max_retries=5, timeout=90.0)  # expect-not: retries-disabled, hardcoded-api-key
        self.model = os.environ.get("READER_MODEL") or "claude-sonnet-4-5"
        self.budget = MinuteBudget(9000)

    async def probe(self) -> None:
        try:
            raw = await self.client.messages.with_raw_response.create(  # expect-not: model-routing, batchable-fanout, naive-retry, missing-max-tokens, nonstreaming-max-tokens
                model=self.model, max_tokens=4, messages=[{"role": "user", "content": "ping"}]
            )
            cap = raw.headers.get("anthropic-ratelimit-input-tokens-limit")
            if cap:
                self.budget.cap = int(int(cap) * 0.9)
        except Exception as exc:
            print(f"probe failed: {exc}")

    async def read(self, page: str, who: str) -> dict:
        text = ASK.format(who=who, page=page[:12000])
        await self.budget.take(len(text) // 4 + 200)
        reply = await self.client.messages.parse(  # expect: batchable-fanout; expect-not: naive-retry, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt, model-routing
            model=self.model,
            max_tokens=2048,
            messages=[{"role": "user", "content": text}],
            output_format=PageFacts,
        )
        return reply.parsed_output.model_dump()


class NoReader:
    async def read(self, page: str, who: str) -> dict:
        return {}


def pick_reader():
    if os.environ.get("READER", "none") == "claude":
        return SonnetReader()
    return NoReader()


async def collect(run_id: str) -> int:
    reader = pick_reader()
    search = WebSearch()
    done = await store.subjects_with_evidence()
    todo = [s for s in await store.award_subjects() if s["slug"] not in done]
    if hasattr(reader, "probe"):
        await reader.probe()
    gate = asyncio.Semaphore(int(os.environ.get("CRAWL_WIDTH") or 4))
    saved = 0

    async with httpx.AsyncClient(timeout=20) as http:

        async def one(subject: dict) -> None:
            nonlocal saved
            async with gate:
                for url in await search.find(subject["name"]):
                    page = await http.get(url)
                    if page.status_code != 200:
                        continue
                    try:
                        facts = await reader.read(page.text, subject["name"])
                    except Exception as exc:  # expect-not: string-matched-error
                        print(f"skip {url}: {type(exc).__name__}: {exc}")
                        continue
                    await store.insert_evidence(subject=subject, url=url, facts=facts, run_id=run_id)
                    saved += 1

        await asyncio.gather(*(one(s) for s in todo), return_exceptions=True)  # expect-not: unbounded-fanout
    return saved
