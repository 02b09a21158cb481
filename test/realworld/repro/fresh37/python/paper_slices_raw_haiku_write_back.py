# realworld repro (positive + negative): batchable-fanout -- an offline script sends the unlabelled records of a JSON
# file in slices of 20, one raw urllib POST to /v1/messages per slice through a same-file helper, and writes the
# labels back to the file; look-alikes: already Haiku (model-routing), a single-record helper never called, a handler
# that returns placeholder labels (no retry), a sequential loop with a short pause
# source: haleylam0704/psych-of-ai-tracker scripts/classify_papers.py:117
# source: haleylam0704/psych-of-ai-tracker scripts/classify_papers.py:54
# source: haleylam0704/psych-of-ai-tracker scripts/classify_papers.py:143
# source: haleylam0704/psych-of-ai-tracker scripts/classify_papers.py:19
import json
import os
import time
import urllib.request
from pathlib import Path

STORE = Path("records.json")
KEY = os.environ.get("ANTHROPIC_API_KEY", "")  # expect-not: hardcoded-api-key
ENDPOINT = "https://api.anthropic.com/v1/messages"
LABEL_MODEL = "claude-haiku-4-5"
SLICE = 20


def label_one(record: dict) -> dict:
    body = {"model": LABEL_MODEL, "max_tokens": 150, "messages": [{"role": "user", "content": record["text"][:1200]}]}
    req = urllib.request.Request(
        ENDPOINT,
        data=json.dumps(body).encode(),
        headers={"content-type": "application/json", "x-api-key": KEY, "anthropic-version": "2023-06-01"},
    )
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:  # expect-not: batchable-fanout, model-routing
            return json.loads(json.loads(resp.read().decode())["content"][0]["text"])
    except Exception as exc:
        print(f"label failed: {exc}")
        return {"topic": None}


def label_slice(records: list) -> list:
    listing = "\n".join(f"[{n}] {r['title']}: {(r.get('text') or '')[:600]}" for n, r in enumerate(records))
    body = {
        "model": LABEL_MODEL,
        "max_tokens": 3000,
        "messages": [{"role": "user", "content": f"Give a JSON array with one topic per record, in order.\n\n{listing}"}],
    }
    req = urllib.request.Request(
        ENDPOINT,
        data=json.dumps(body).encode(),
        headers={"content-type": "application/json", "x-api-key": KEY, "anthropic-version": "2023-06-01"},
    )
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:  # expect: batchable-fanout; expect-not: model-routing, naive-retry
            return json.loads(json.loads(resp.read().decode())["content"][0]["text"])
    except Exception as exc:
        print(f"slice failed: {exc}")
        return [{"topic": None}] * len(records)


def main() -> None:
    data = json.loads(STORE.read_text())
    todo = [r for r in data["records"] if r.get("topic") is None]
    for start in range(0, len(todo), SLICE):  # expect-not: unbounded-fanout
        part = todo[start : start + SLICE]
        for record, label in zip(part, label_slice(part)):
            record["topic"] = label.get("topic")
        time.sleep(0.5)
    STORE.write_text(json.dumps(data, indent=2))


if __name__ == "__main__":
    main()
