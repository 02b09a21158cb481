# realworld repro (positive + negative): batchable-fanout, naive-retry, unbounded-fanout -- an offline annotation
# script reads a CSV of passages and submits one task per row to a thread pool sized by a --workers option; each task
# runs an attempt loop whose catch-all handler only keeps the error and re-sends at once (no wait, no retry-after)
# around a same-file function that sends one Sonnet create with a constant mid-size rubric as system prompt; every
# answer is written as a row of the output CSV as the futures complete
# source: akashyap-0/ai-washing-research llm_annotate.py:84
# source: akashyap-0/ai-washing-research llm_annotate.py:116
# source: akashyap-0/ai-washing-research llm_annotate.py:149
import argparse
import csv
import json
from concurrent.futures import ThreadPoolExecutor, as_completed

import anthropic

GUIDE = """You tag one product review for a study of how shoppers describe durability.
Return JSON with integer fields worn_out, broke_early, lasted_long (0 or 1) and a string
field tone that is one of positive, neutral, negative. Return nothing else."""

client = anthropic.Anthropic()  # expect-not: retries-disabled, hardcoded-api-key


def tag_review(row, model):
    text = f"Product: {row.get('product')}\nReview:\n{row.get('body')}\n"
    reply = client.messages.create(  # expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
        model=model,
        max_tokens=300,
        system=GUIDE,
        messages=[{"role": "user", "content": text}],
    )
    return json.loads(reply.content[0].text)


def handle(row, model, attempts=3):
    problem = None
    for n in range(attempts):  # expect: naive-retry
        try:
            row.update(tag_review(row, model))
            return row, None
        except Exception as exc:  # expect-not: string-matched-error
            problem = exc
    return row, problem


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--src", default="reviews.csv")
    ap.add_argument("--dst", default="reviews_tagged.csv")
    ap.add_argument("--workers", type=int, default=4)
    ap.add_argument("--model", default="claude-sonnet-4-5")
    args = ap.parse_args()
    with open(args.src, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        columns = reader.fieldnames
        rows = list(reader)
    with ThreadPoolExecutor(max_workers=args.workers) as pool:
        jobs = {pool.submit(handle, row, args.model): row for row in rows}  # expect-not: unbounded-fanout
        with open(args.dst, "w", newline="", encoding="utf-8") as out:
            writer = csv.DictWriter(out, fieldnames=columns)
            writer.writeheader()
            for job in as_completed(jobs):
                row, problem = job.result()
                writer.writerow(row)
                if problem:
                    print("failed", row.get("id"), problem)


if __name__ == "__main__":
    main()
