# realworld repro (positive + negative): batchable-fanout -- an offline job cuts the unlabelled rows of one cycle into
# slices of 50 and sends each slice to Haiku 4.5 through a same-file function (a new client per slice, no system
# prompt, 4,096 tokens); each returned label is written back to the database row; a failed slice is printed and
# counted, never resent
# source: ianymu/product-research-scripts scripts/llm_classify.py:37
# source: ianymu/product-research-scripts scripts/llm_classify.py:63
# source: ianymu/product-research-scripts scripts/llm_classify.py:75
# source: ianymu/product-research-scripts scripts/llm_classify.py:25
import json
import os
import sys

import anthropic

from store import open_store

KEY = os.environ["ANTHROPIC_API_KEY"]
TOPICS = ["billing", "shipping", "returns", "account", "other"]
SLICE = 50


def label_slice(rows):
    client = anthropic.Anthropic(api_key=KEY)  # expect-not: retries-disabled, hardcoded-api-key
    items = [{"id": r["id"], "text": (r.get("text") or "")[:400]} for r in rows]
    ask = f"Give each ticket one topic from {', '.join(TOPICS)}.\n{json.dumps(items)}\nAnswer as a JSON list of id/topic."
    reply = client.messages.create(  # expect: batchable-fanout; expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt
        model="claude-haiku-4-5-20251001",
        max_tokens=4096,
        messages=[{"role": "user", "content": ask}],
    )
    text = reply.content[0].text
    return json.loads(text[text.find("["):text.rfind("]") + 1])


def run(cycle):
    db = open_store()
    rows = db.unlabelled_tickets(cycle)
    failed = 0
    for start in range(0, len(rows), SLICE):  # expect-not: naive-retry, unbounded-fanout
        part = rows[start:start + SLICE]
        try:
            for item in label_slice(part):
                db.set_topic(item["id"], item["topic"])
        except Exception as err:  # expect-not: string-matched-error
            print(f"slice at {start} failed: {err}", file=sys.stderr)
            failed += len(part)
    return failed


if __name__ == "__main__":
    print(run(int(sys.argv[1]) if len(sys.argv) > 1 else 1))
