# realworld repro (positive + negative): batchable-fanout, naive-retry and string-matched-error, with an
# unbounded-fanout look-alike -- an offline CLI streams Messages requests from a JSONL file and POSTs each one to
# /v1/messages, appending every answer to a results file; a failed request goes back on a retry queue and is sent
# again by the main loop, the only wait being a fixed global cool-down after an error whose text says "rate limit"
# (the 429 status and the retry-after header are both ignored); each task start is gated by per-minute request and
# token budgets the loop refills, so the fan-out is paced
# source: milistu/anthropic-parallel-calling api_request_parallel_processor.py:256
# source: milistu/anthropic-parallel-calling api_request_parallel_processor.py:309
# source: milistu/anthropic-parallel-calling api_request_parallel_processor.py:297
# source: milistu/anthropic-parallel-calling api_request_parallel_processor.py:161
import asyncio
import json
import os
import sys
import time

import aiohttp

COOL_DOWN_SECONDS = 20


class Tracker:
    def __init__(self, budget_per_minute: float):
        self.open_jobs = 0
        self.last_limit_hit = 0.0
        self.budget = budget_per_minute


class Job:
    def __init__(self, body: dict, tries: int):
        self.body = body
        self.tries = tries

    async def send(self, http: aiohttp.ClientSession, url: str, headers: dict, retry_q: asyncio.Queue, out_path: str, tracker: Tracker):
        problem = None
        try:
            async with http.post(url=url, headers=headers, json=self.body) as resp:  # expect: batchable-fanout
                payload = await resp.json()
            if resp.status == 200:
                with open(out_path, "a") as out:
                    out.write(json.dumps([self.body, payload]) + "\n")
            else:
                problem = payload.get("error", payload)
                if "rate limit" in str(problem).lower():  # expect: string-matched-error
                    tracker.last_limit_hit = time.time()
        except Exception as exc:
            problem = str(exc)
        if problem:
            if self.tries:
                retry_q.put_nowait(self)  # expect: naive-retry
            else:
                with open(out_path, "a") as out:
                    out.write(json.dumps([self.body, str(problem)]) + "\n")
        tracker.open_jobs -= 1


async def run(in_path: str, out_path: str, per_minute: float, tries: int) -> None:
    headers = {
        "x-api-key": os.environ["ANTHROPIC_API_KEY"],
        "anthropic-version": "2023-06-01",
        "content-type": "application/json",
    }
    url = "https://api.anthropic.com/v1/messages"
    retry_q: asyncio.Queue = asyncio.Queue()
    tracker = Tracker(per_minute)
    capacity = per_minute
    stamp = time.time()
    pending = None
    more = True
    with open(in_path) as src:
        lines = iter(src)
        async with aiohttp.ClientSession() as http:
            while True:
                if pending is None:
                    if not retry_q.empty():
                        pending = retry_q.get_nowait()
                    elif more:
                        try:
                            pending = Job(json.loads(next(lines)), tries)
                            tracker.open_jobs += 1
                        except StopIteration:
                            more = False
                now = time.time()
                capacity = min(capacity + per_minute * (now - stamp) / 60.0, per_minute)
                stamp = now
                if pending and capacity >= 1:
                    capacity -= 1
                    pending.tries -= 1
                    asyncio.create_task(pending.send(http, url, headers, retry_q, out_path, tracker))  # expect-not: unbounded-fanout
                    pending = None
                if tracker.open_jobs == 0:
                    break
                await asyncio.sleep(0.002)
                since = time.time() - tracker.last_limit_hit
                if since < COOL_DOWN_SECONDS:
                    await asyncio.sleep(COOL_DOWN_SECONDS - since)


if __name__ == "__main__":
    asyncio.run(run(sys.argv[1], sys.argv[2], per_minute=40.0, tries=4))
