# realworld repro (positive + negative): batchable-fanout -- an offline script labels moderator forum posts in slices
# of 30 with one raw urllib POST to /v1/messages per slice (Haiku), saving the label cache to JSON after every slice
# so a rerun skips what is done; look-alikes: the model is already Haiku, the long instructions are concatenated into
# the user turn (no system prompt), the handler prints the failed slice and moves on (no retry, no SDK underneath),
# a 0.3 s pause paces the slices, the docstring shows only a placeholder key
# source: systematicreasoning/webpki-observatory pipeline/classify_comments.py:122
# source: systematicreasoning/webpki-observatory pipeline/classify_comments.py:135
# source: systematicreasoning/webpki-observatory pipeline/classify_comments.py:7
"""Label moderator posts as substantive or housekeeping.

Usage:
    ANTHROPIC_API_KEY=sk-ant-... python tools/label_posts.py
"""  # expect-not: hardcoded-api-key
import json
import os
import time
import urllib.request
from pathlib import Path

ENDPOINT = "https://api.anthropic.com/v1/messages"
LABEL_MODEL = "claude-haiku-4-5-20251001"
SLICE = 30
STORE = Path("cache/post_labels.json")

INSTRUCTIONS = """Label each forum post written by a moderator. Return a JSON array of
{"key": <the key given>, "substantive": true or false}. Substantive means it adds reasoning or evidence;
housekeeping means greetings, thread moves, locks or reminders. When unsure, answer true.
Return only the JSON array.

"""


def main():
    key = os.environ["ANTHROPIC_API_KEY"]
    posts = json.loads(Path("cache/posts.json").read_text())
    done = json.loads(STORE.read_text()) if STORE.exists() else {}
    todo = [p for p in posts if p["key"] not in done]
    for start in range(0, len(todo), SLICE):  # expect-not: naive-retry
        chunk = todo[start : start + SLICE]
        listing = "\n".join(f"Key: {p['key']}\nPost: {p['text'][:400]}\n" for p in chunk)
        payload = json.dumps({
            "model": LABEL_MODEL, "max_tokens": 1000,
            "messages": [{"role": "user", "content": INSTRUCTIONS + listing}],
        }).encode()
        req = urllib.request.Request(ENDPOINT, data=payload, headers={
            "content-type": "application/json",
            "x-api-key": key,
            "anthropic-version": "2023-06-01",
        })
        try:
            with urllib.request.urlopen(req, timeout=60) as resp:  # expect: batchable-fanout; expect-not: model-routing, uncached-prompt, unbounded-fanout
                body = json.loads(resp.read())
            labels = json.loads("".join(b["text"] for b in body["content"] if b["type"] == "text"))
            for item in labels:
                done[str(item["key"])] = {"substantive": bool(item.get("substantive", True))}
        except Exception as exc:  # expect-not: string-matched-error
            print(f"slice {start // SLICE + 1}: {exc}")
        STORE.write_text(json.dumps(done, indent=2))
        time.sleep(0.3)


if __name__ == "__main__":
    main()
