# realworld repro (positive + negative): naive-retry -- a collector checks a third-party relay by posting the same
# question many times over raw aiohttp to <base>/v1/messages (anthropic-version header set); each request sits in a
# four-attempt loop that, on status 429 or any 5xx, sleeps 2**attempt seconds (capped, no jitter) and goes round
# again without reading the retry-after header of the response in hand; look-alikes: the rate limit is recognised by
# its status code, not its text, and the tasks are started through a helper but every request waits on an
# asyncio.Semaphore sized by a small option, so the fan-out is bounded; the answers are only tallied and printed
# source: qqqqqf-q/ai-model-fingerprint run_anthropic.py:67
# source: qqqqqf-q/ai-model-fingerprint run_anthropic.py:69
# source: qqqqqf-q/ai-model-fingerprint run_anthropic.py:152
import argparse
import asyncio
import collections

import aiohttp

QUESTION = "Pick one whole number from 1 to 50 and reply with the number only."


async def ask_once(session, base, key, model, budget):
    url = base.rstrip("/") + "/v1/messages"
    headers = {"x-api-key": key, "anthropic-version": "2023-06-01", "content-type": "application/json"}
    body = {"model": model, "max_tokens": budget, "messages": [{"role": "user", "content": QUESTION}]}
    failure = "gave up"
    for attempt in range(4):  # expect: naive-retry
        try:
            async with session.post(url, headers=headers, json=body) as resp:  # expect-not: string-matched-error, missing-max-tokens, nonstreaming-max-tokens, model-routing
                if resp.status == 429 or resp.status >= 500:
                    await asyncio.sleep(min(2**attempt, 16))
                    continue
                if resp.status != 200:
                    return {"ok": False, "why": f"status {resp.status}"}
                data = await resp.json()
                return {"ok": True, "text": data["content"][0]["text"].strip()}
        except aiohttp.ClientError as err:
            failure = repr(err)
            await asyncio.sleep(min(2**attempt, 16))
    return {"ok": False, "why": failure}


async def collect(base, key, model, rounds, width, budget):
    gate = asyncio.Semaphore(width)
    tally = collections.Counter()

    async with aiohttp.ClientSession() as session:

        async def one():
            async with gate:
                return await ask_once(session, base, key, model, budget)

        def start():
            return asyncio.create_task(one())

        waiting = {start() for _ in range(min(width, rounds))}  # expect-not: unbounded-fanout
        launched = len(waiting)
        while waiting:
            finished, waiting = await asyncio.wait(waiting, return_when=asyncio.FIRST_COMPLETED)
            for task in finished:
                rec = task.result()
                tally[rec.get("text", "?")] += 1
            while launched < rounds and len(waiting) < width:
                waiting.add(start())
                launched += 1
    return tally


def main():
    cli = argparse.ArgumentParser()
    cli.add_argument("--base", required=True)
    cli.add_argument("--key", required=True)
    cli.add_argument("--model", required=True)
    cli.add_argument("--rounds", type=int, default=200)
    cli.add_argument("--width", type=int, default=6)
    cli.add_argument("--budget", type=int, default=16)
    opts = cli.parse_args()
    tally = asyncio.run(collect(opts.base, opts.key, opts.model, opts.rounds, opts.width, opts.budget))
    print(tally.most_common(10))


if __name__ == "__main__":
    main()
