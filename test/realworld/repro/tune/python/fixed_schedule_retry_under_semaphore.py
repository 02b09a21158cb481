# realworld repro (positive + negative): naive-retry -- for attempt in range(5) around create; except
# RateLimitError waits a fixed schedule and never reads retry-after. The gather over all reports is
# bounded: each call holds a Semaphore one function down
# source: arianpasquali/anthropic-hackathon scripts/pdf_fill_kg.py:94
# source: arianpasquali/anthropic-hackathon scripts/pdf_fill_kg.py:179
import asyncio
import json

import anthropic

PAUSES = [3, 6, 12, 24, 48]
LIMIT = 3


async def read_report(client, gate, report):
    async with gate:
        for attempt in range(5):  # expect: naive-retry
            try:
                reply = await client.messages.create(
                    model="claude-haiku-4-5",
                    max_tokens=400,
                    messages=[{"role": "user", "content": f"Give the totals in {report['title']} as JSON."}],
                )
                return json.loads(reply.content[0].text)
            except anthropic.RateLimitError:
                await asyncio.sleep(PAUSES[min(attempt, 4)])
            except Exception:
                return {}
        return {}


async def handle(client, gate, report):
    found = await read_report(client, gate, report)
    print(report["title"], found)


async def main(reports):
    client = anthropic.AsyncAnthropic()
    gate = asyncio.Semaphore(LIMIT)
    await asyncio.gather(*[handle(client, gate, r) for r in reports])  # expect-not: unbounded-fanout
