# realworld repro (positive + negative): batchable-fanout -- an eval CLI's main runs asyncio.run over every case read
# from the JSONL suites; each case is one Opus create made inside a semaphore-held coroutine, the cases are gathered
# through tqdm, and all results are dumped to a JSON file; look-alikes: the gather is bounded by the semaphore, Opus is
# the model under test, the short system prompt already carries cache_control, and API errors are only recorded
# source: coldinnn/claude-eval-harness eval_runner.py:133
# source: coldinnn/claude-eval-harness eval_runner.py:222
# source: coldinnn/claude-eval-harness eval_runner.py:152
# source: coldinnn/claude-eval-harness eval_runner.py:216
import argparse
import asyncio
import json
import time
from pathlib import Path

import anthropic
from tqdm.asyncio import tqdm_asyncio

MODEL = "claude-opus-4-7"
SUITES = Path(__file__).parent / "suites"
SYSTEM = "Answer plainly and briefly. Give only the value when asked for one."


def load():
    cases = []
    for path in sorted(SUITES.glob("*.jsonl")):
        with open(path) as fh:
            for line in fh:
                if line.strip():
                    cases.append(json.loads(line))
    return cases


async def one(client, gate, case):
    async with gate:
        started = time.perf_counter()
        answer, problem = "", None
        try:
            reply = await client.messages.create(  # expect: batchable-fanout; expect-not: model-routing, uncached-prompt, naive-retry, missing-max-tokens, nonstreaming-max-tokens
                model=MODEL,
                max_tokens=1024,
                system=[{"type": "text", "text": SYSTEM, "cache_control": {"type": "ephemeral"}}],
                messages=[{"role": "user", "content": case["prompt"]}],
            )
            answer = reply.content[0].text
        except anthropic.APIError as err:  # expect-not: string-matched-error
            problem = f"api: {err}"
        return {
            "id": case["id"],
            "answer": answer,
            "error": problem,
            "ms": round((time.perf_counter() - started) * 1000, 1),
        }


async def run(width, out):
    cases = load()
    client = anthropic.AsyncAnthropic()  # expect-not: retries-disabled
    gate = asyncio.Semaphore(width)
    jobs = [one(client, gate, case) for case in cases]
    results = await tqdm_asyncio.gather(*jobs, desc="cases")  # expect-not: unbounded-fanout
    with open(out, "w") as fh:
        json.dump({"model": MODEL, "results": results}, fh, indent=2)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--width", type=int, default=5)
    parser.add_argument("--out", default="results.json")
    args = parser.parse_args()
    asyncio.run(run(args.width, args.out))


if __name__ == "__main__":
    main()
