# realworld repro (positive + negative): batchable-fanout -- a resumable offline CLI cuts the charities still
# unlabelled into chunks of 12 (option) and sends one create per chunk (model from an option, Haiku default,
# max_tokens 3000), merging the returned JSON labels and saving the file after every chunk; look-alikes: the system
# prompt is an f-string joined from a list (not a plain constant, and short), the chunk loop's catch-all saves and
# re-raises (no retry), chunks go one after another, a placeholder key in the usage text
# source: sridevivr/ai-startup-survival-tracker scripts/classify_with_llm.py:172
# source: sridevivr/ai-startup-survival-tracker scripts/classify_with_llm.py:263
# source: sridevivr/ai-startup-survival-tracker scripts/classify_with_llm.py:252
# source: sridevivr/ai-startup-survival-tracker scripts/classify_with_llm.py:36
"""Label charities by cause area.

Usage:
    ANTHROPIC_API_KEY=sk-ant-... python label_charities.py --chunk 12
"""
import argparse
import json
import os
import time
from pathlib import Path

import anthropic

CAUSES = ["Health", "Education", "Environment", "Animals", "Arts", "Poverty", "Other"]

RULES = f"""Label each charity with exactly one cause area from this list:
{chr(10).join("- " + c for c in CAUSES)}
Answer with a JSON array of objects with "name" and "cause", in the input order. JSON only."""


def label_chunk(client, model, chunk):
    reply = client.messages.create(  # expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens, unbounded-fanout
        model=model,
        max_tokens=3000,
        system=RULES,
        messages=[{"role": "user", "content": json.dumps(chunk, ensure_ascii=False)}],
    )
    return json.loads(reply.content[0].text)


def save(path, labels):
    path.write_text(json.dumps(labels, indent=2, ensure_ascii=False))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--chunk", type=int, default=12)
    ap.add_argument("--model", default="claude-haiku-4-5")
    args = ap.parse_args()
    out = Path("data/causes.json")
    labels = json.loads(out.read_text()) if out.exists() else {}
    todo = [c for c in json.loads(Path("data/charities.json").read_text()) if c["name"] not in labels]
    client = anthropic.Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])  # expect-not: retries-disabled
    for i in range(0, len(todo), args.chunk):
        chunk = todo[i : i + args.chunk]
        try:
            answers = label_chunk(client, args.model, chunk)
        except Exception as err:  # expect-not: naive-retry, string-matched-error
            print(f"chunk {i // args.chunk + 1} failed: {err}")
            save(out, labels)
            raise
        for item in answers:
            labels[item["name"]] = item["cause"]
        save(out, labels)
        time.sleep(0.5)


if __name__ == "__main__":
    main()
