# realworld repro (positive + negative): batchable-fanout -- an offline study script starts one task per
# (row, replicate) of an input CSV, each sending one create, and writes every answer as a CSV row; the author paces
# starts with a semaphore and a requests-per-minute gate to stay under a low tier's limit, the Batch API's case;
# unbounded-fanout look-alike -- the tasks wait on a semaphore and a per-minute gate; retries-disabled look-alike --
# max_retries=10. Each call is timed and its latency kept as a CSV column, as in the original (corrected by tuneE:
# the first version left the timing out, which the engine read as a latency benchmark); nothing studies the timings
# source: ricetim/510_final_project run_claude.py:351
# source: ricetim/510_final_project run_claude.py:419
# source: ricetim/510_final_project run_claude.py:414
import argparse
import asyncio
import csv
import time

from anthropic import AsyncAnthropic


class MinuteGate:
    def __init__(self, per_minute: int):
        self.gap = 60.0 / per_minute
        self.lock = asyncio.Lock()
        self.next_at = 0.0

    async def acquire(self) -> None:
        async with self.lock:
            now = time.monotonic()
            wait = max(0.0, self.next_at - now)
            self.next_at = max(now, self.next_at) + self.gap
        if wait > 0:
            await asyncio.sleep(wait)


async def ask_once(client, sem, gate, model: str, row: dict, rep: int) -> dict:
    async with sem:
        await gate.acquire()
        t0 = time.monotonic()
        try:
            reply = await client.messages.create(  # expect: batchable-fanout
                model=model,
                max_tokens=1024,
                temperature=1.0,
                messages=[{"role": "user", "content": row["dilemma"] + " Answer Yes or No."}],
            )
            latency_ms = int((time.monotonic() - t0) * 1000)
        except Exception as err:
            latency_ms = int((time.monotonic() - t0) * 1000)
            return {"id": row["id"], "rep": rep, "answer": "", "latency_ms": latency_ms, "error": str(err)}
    answer = reply.content[0].text.strip()
    return {"id": row["id"], "rep": rep, "answer": answer, "latency_ms": latency_ms, "error": ""}


async def study(src: str, dst: str, model: str, reps: int, per_minute: int) -> None:
    with open(src, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    client = AsyncAnthropic(max_retries=10)  # expect-not: retries-disabled
    sem = asyncio.Semaphore(5)
    gate = MinuteGate(per_minute)
    tasks = [
        asyncio.create_task(ask_once(client, sem, gate, model, row, rep))  # expect-not: unbounded-fanout
        for row in rows
        for rep in range(reps)
    ]
    with open(dst, "w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=["id", "rep", "answer", "latency_ms", "error"])
        writer.writeheader()
        for done in asyncio.as_completed(tasks):
            writer.writerow(await done)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--src", required=True)
    ap.add_argument("--dst", required=True)
    ap.add_argument("--model", required=True)
    ap.add_argument("--reps", type=int, default=10)
    ap.add_argument("--per-minute", type=int, default=45)
    a = ap.parse_args()
    asyncio.run(study(a.src, a.dst, a.model, a.reps, a.per_minute))


if __name__ == "__main__":
    main()
