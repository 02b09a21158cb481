# realworld repro (positive + negative): naive-retry -- a helper tries the create five times and on RateLimitError
# sleeps 2 s doubling per attempt, never reading retry-after (5xx statuses get the same wait); batchable-fanout --
# an offline CSV cleaner sends one create per slice of 75 unique names, gathered behind a 5-wide semaphore, and
# writes the cleaned rows to an output CSV; unbounded-fanout look-alike -- the gathered tasks wait on the semaphore
# source: Vadimchernukha/file_cleaner clean_apollo.py:493
# source: Vadimchernukha/file_cleaner clean_apollo.py:495
# source: Vadimchernukha/file_cleaner clean_apollo.py:623
import asyncio
import csv
import json
import os

import anthropic

SLICE = 75
TIDY_PROMPT = 'Shorten each shop name to the name a customer would say. Reply as JSON {"results": [{"key", "name"}]}.'


async def send_with_backoff(client: anthropic.AsyncAnthropic, rows: list[dict]) -> str:
    base = 2.0
    for attempt in range(5):  # expect: naive-retry
        try:
            msg = await client.messages.create(  # expect: batchable-fanout
                model="claude-sonnet-4-5",
                max_tokens=8192,
                system=TIDY_PROMPT,
                messages=[{"role": "user", "content": json.dumps({"rows": rows})}],
            )
            return msg.content[0].text
        except anthropic.RateLimitError:
            if attempt == 4:
                raise
            await asyncio.sleep(base * 2**attempt)
        except anthropic.APIStatusError as err:
            if err.status_code >= 500 and attempt < 4:
                await asyncio.sleep(base * 2**attempt)
            else:
                raise
    raise RuntimeError("out of attempts")


async def tidy_slice(client, gate: asyncio.Semaphore, rows: list[dict], found: dict[str, str]) -> None:
    async with gate:
        raw = await send_with_backoff(client, rows)
    for item in json.loads(raw).get("results", []):
        found[item["key"]] = item.get("name", "")


async def main() -> None:
    with open("shops.csv", newline="", encoding="utf-8") as fh:
        shops = list(csv.DictReader(fh))
    unique = [{"key": s["id"], "name": s["name"]} for s in shops]
    client = anthropic.AsyncAnthropic(api_key=os.getenv("ANTHROPIC_API_KEY"))
    gate = asyncio.Semaphore(5)
    found: dict[str, str] = {}
    jobs = [tidy_slice(client, gate, unique[i : i + SLICE], found) for i in range(0, len(unique), SLICE)]
    await asyncio.gather(*jobs, return_exceptions=True)  # expect-not: unbounded-fanout
    with open("shops_clean.csv", "w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=["id", "name", "clean"])
        writer.writeheader()
        for s in shops:
            writer.writerow({"id": s["id"], "name": s["name"], "clean": found.get(s["id"], s["name"])})


if __name__ == "__main__":
    asyncio.run(main())
