# realworld repro (positive + negative): naive-retry, batchable-fanout -- an offline labelling CLI posts each issue to
# /v1/messages with requests through a same-file helper whose attempt loop sleeps a doubling wait capped at 60 s on
# status 429 or any 5xx and goes round again, never reading the Retry-After header; main loops over every issue,
# asks a local engine object (whose method calls the helper) and writes each result as a JSONL line; the constant
# system prompt is far below the cache minimum and the status test is not a text test
# source: Swapnil0717/itu claude_label.py:162
# source: Swapnil0717/itu claude_label.py:163
# source: Swapnil0717/itu claude_label.py:178
import argparse
import json
import os
import sys
import time

import requests

ENDPOINT = "https://api.anthropic.com/v1/messages"

GUIDE = """You label one bug report. Return a JSON object with keys kind (bug, feature, chore),
area (a short noun) and effort (small, medium, large). Nothing else."""


def post_claude(system, user, model, key, max_tokens=1500, tries=5):
    for n in range(tries):  # expect: naive-retry
        resp = requests.post(  # expect: batchable-fanout; expect-not: uncached-prompt, model-routing, missing-max-tokens, nonstreaming-max-tokens
            ENDPOINT,
            headers={"x-api-key": key, "anthropic-version": "2023-06-01", "content-type": "application/json"},
            json={"model": model, "max_tokens": max_tokens, "system": system, "messages": [{"role": "user", "content": user}]},
            timeout=90,
        )
        if resp.status_code == 429 or resp.status_code >= 500:  # expect-not: string-matched-error
            pause = min(60, 2**n)
            print(f"status {resp.status_code}, waiting {pause}s", file=sys.stderr)
            time.sleep(pause)
            continue
        resp.raise_for_status()
        return "".join(b.get("text", "") for b in resp.json().get("content", []) if b.get("type") == "text")
    raise RuntimeError("gave up")


class Labeler:
    def __init__(self, key, model):
        self.key = key
        self.model = model

    def label(self, issue):
        text = f"Title: {issue['title']}\n\n{issue['body']}"
        return json.loads(post_claude(GUIDE, text, self.model, self.key))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--src", default="issues.jsonl")
    ap.add_argument("--dst", default="labels.jsonl")
    ap.add_argument("--model", default="claude-sonnet-4-6")
    args = ap.parse_args()
    labeler = Labeler(os.environ["ANTHROPIC_API_KEY"], args.model)
    with open(args.src) as src, open(args.dst, "w") as dst:
        for line in src:
            issue = json.loads(line)
            try:
                fields = labeler.label(issue)
            except (ValueError, requests.RequestException) as err:
                print("skipped", issue["id"], err)
                continue
            dst.write(json.dumps({"id": issue["id"], **fields}) + "\n")


if __name__ == "__main__":
    main()
