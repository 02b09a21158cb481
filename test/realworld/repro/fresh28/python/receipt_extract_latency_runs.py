# realworld repro (negative): batchable-fanout -- a latency and cost benchmark sends the same document again on each
# of --runs repetitions, timing every request, and dumps the runs to JSON: a loop over a repeat count, not over
# data (a batch would defeat the timing); also a default client, a Sonnet 4.6 default from the environment at
# 2,048 tokens, no system prompt, no try in the loop
# source: hojune02/upstage-competitive-analysis run_claude.py:99
# source: hojune02/upstage-competitive-analysis run_claude.py:64
# source: hojune02/upstage-competitive-analysis run_claude.py:73
import argparse
import base64
import json
import os
import time
from pathlib import Path

import anthropic

EXTRACT_PROMPT = "List the vendor, date, currency and total of this receipt as JSON."


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--file", required=True)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()

    client = anthropic.Anthropic()  # expect-not: retries-disabled
    model = os.getenv("BENCH_MODEL", "claude-sonnet-4-6")
    doc = Path(args.file)
    timings = []

    for run in range(1, args.runs + 1):  # expect-not: naive-retry
        data = base64.standard_b64encode(doc.read_bytes()).decode("utf-8")
        started = time.perf_counter()
        reply = client.messages.create(  # expect-not: batchable-fanout, model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt
            model=model,
            max_tokens=2048,
            messages=[
                {
                    "role": "user",
                    "content": [
                        {"type": "document", "source": {"type": "base64", "media_type": "application/pdf", "data": data}},
                        {"type": "text", "text": EXTRACT_PROMPT},
                    ],
                }
            ],
        )
        elapsed = time.perf_counter() - started
        timings.append({"run": run, "seconds": elapsed, "output": reply.content[0].text})

    out = Path("bench") / f"{doc.stem}_runs.json"
    out.write_text(json.dumps(timings, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
