# realworld repro (positive + negative): batchable-fanout -- a benchmark CLI loops over every sampled puzzle, a
# same-file helper sends one image-plus-question create per item (model and max_tokens from argparse, a short constant
# system prompt) and the answers are collected and dumped to one JSON results file after the loop; look-alike: the
# loop's handler stores the error text as the answer and moves on (no re-send)
# source: tinakhezresmaeilzadeh/vriq run_claude.py:222
# source: tinakhezresmaeilzadeh/vriq run_claude.py:337
import argparse
import base64
import csv
import json
import os

import anthropic

RULES = "Look at the picture, reason briefly, then give the letter of the right option inside <pick></pick>."


def picture(path: str) -> str:
    with open(path, "rb") as fh:
        return base64.b64encode(fh.read()).decode("ascii")


def solve(api, row: dict, model: str, limit: int) -> str:
    reply = api.messages.create(  # expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
        model=model,
        max_tokens=limit,
        system=RULES,
        messages=[
            {
                "role": "user",
                "content": [
                    {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": picture(row["image"])}},
                    {"type": "text", "text": row["question"]},
                ],
            }
        ],
    )
    return "".join(b.text for b in reply.content if b.type == "text")


def main() -> None:
    cli = argparse.ArgumentParser()
    cli.add_argument("--rows", default="puzzles.csv")
    cli.add_argument("--model", default="claude-sonnet-4-6")
    cli.add_argument("--max_tokens", type=int, default=512)
    cli.add_argument("--out", default="answers.json")
    opts = cli.parse_args()

    with open(opts.rows, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))

    api = anthropic.Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])
    answers = []
    for row in rows:  # expect-not: naive-retry
        try:
            said = solve(api, row, opts.model, opts.max_tokens)
        except Exception as err:
            said = f"[failed] {err}"
        answers.append({"id": row["id"], "answer": said, "expected": row["answer"]})

    with open(opts.out, "w", encoding="utf-8") as fh:
        json.dump({"model": opts.model, "answers": answers}, fh, indent=2)


if __name__ == "__main__":
    main()
