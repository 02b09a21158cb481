# realworld repro (positive + negative): naive-retry, batchable-fanout -- an offline argparse benchmark compares
# output token counts of a plain system prompt and a style guide read from disk: for every prompt of a JSON file,
# each arm and each trial it calls a same-file sender whose four-attempt loop catches RateLimitError and sleeps a
# fixed 5, 10, 20 s schedule (no jitter, retry-after never read; the default client keeps the SDK's retries); the
# counts are collected and json.dump-ed to a timestamped results file; look-alikes: the handler is class-based, the
# loops are sequential with a short pause, the model is a CLI option (Sonnet by default) at 4,096 tokens, the key
# comes from the environment
# source: jagoff/cavernaman benchmarks/run.py:73
# source: jagoff/cavernaman benchmarks/run.py:75
# source: jagoff/cavernaman benchmarks/run.py:88
# source: jagoff/cavernaman benchmarks/run.py:101
# source: jagoff/cavernaman benchmarks/run.py:362
import argparse
import json
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import anthropic

HERE = Path(__file__).parent
QUESTIONS = HERE / "questions.json"
GUIDE = HERE.parent / "guides" / "terse.md"
OUT = HERE / "out"
PLAIN = "Answer the question."


def send(api, model, system, question, tries=3):
    waits = [5, 10, 20]
    for n in range(tries + 1):  # expect: naive-retry
        try:
            reply = api.messages.create(  # expect: batchable-fanout; expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens
                model=model,
                max_tokens=4096,
                temperature=0,
                system=system,
                messages=[{"role": "user", "content": question}],
            )
            return {"out": reply.usage.output_tokens, "text": reply.content[0].text}
        except anthropic.RateLimitError:  # expect-not: string-matched-error
            if n < tries:
                pause = waits[min(n, len(waits) - 1)]
                print(f"  throttled, waiting {pause}s", file=sys.stderr)
                time.sleep(pause)
            else:
                raise


def measure(api, model, questions, guide, trials):
    rows = []
    for q in questions:  # expect-not: unbounded-fanout
        row = {"id": q["id"], "plain": [], "terse": []}
        for arm, system in [("plain", PLAIN), ("terse", guide)]:
            for _ in range(trials):
                row[arm].append(send(api, model, system, q["text"]))
                time.sleep(0.5)
        rows.append(row)
    return rows


def store(rows, model):
    OUT.mkdir(exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d_%H%M%S")
    with open(OUT / f"run_{stamp}.json", "w") as fh:
        json.dump({"model": model, "rows": rows}, fh, indent=2)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="claude-sonnet-4-20250514")
    ap.add_argument("--trials", type=int, default=3)
    args = ap.parse_args()
    questions = json.loads(QUESTIONS.read_text())["questions"]
    api = anthropic.Anthropic()  # expect-not: retries-disabled, hardcoded-api-key
    rows = measure(api, args.model, questions, GUIDE.read_text(), args.trials)
    store(rows, args.model)


if __name__ == "__main__":
    main()
