# realworld repro (positive + negative): batchable-fanout -- a one-time backfill run from __main__ hands every
# speaker file to a thread pool of 8; per speaker, one raw urllib Haiku request per chunk of 30 quotes returns short
# labels that are written back into that speaker's JSON file; look-alikes: the pool is at the cap of 8, a failed
# chunk is printed and skipped (no retry), Haiku is already the model, and the key is read from the environment
# source: jbrew21/newsreel-perspectives scripts/backfill_summaries.py:60
# source: jbrew21/newsreel-perspectives scripts/backfill_summaries.py:144
# source: jbrew21/newsreel-perspectives scripts/backfill_summaries.py:105
# source: jbrew21/newsreel-perspectives scripts/backfill_summaries.py:43
import json
import os
import re
import urllib.request
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

SPEAKERS = Path(__file__).parent / "data" / "speakers"
MODEL = "claude-haiku-4-5-20251001"
POOL = 8
KEY = os.environ.get("ANTHROPIC_API_KEY", "")  # expect-not: hardcoded-api-key


def ask_haiku(text, max_tokens=1024):
    req = urllib.request.Request(
        "https://api.anthropic.com/v1/messages",
        data=json.dumps({"model": MODEL, "max_tokens": max_tokens,
                         "messages": [{"role": "user", "content": text}]}).encode(),
        headers={"x-api-key": KEY, "anthropic-version": "2023-06-01", "content-type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=60) as resp:  # expect: batchable-fanout; expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt
        body = json.loads(resp.read().decode())
    reply = body.get("content", [{}])[0].get("text", "")
    found = re.search(r"\{[\s\S]*\}", reply)
    return json.loads(found.group()) if found else {}


def label_speaker(path):
    store = json.loads(path.read_text())
    quotes = [q for q in store.get("quotes", []) if not q.get("label")]
    labels = {}
    for start in range(0, len(quotes), 30):
        chunk = quotes[start:start + 30]
        listing = "\n".join(f"[{q['id']}] {q['text'][:240]}" for q in chunk)
        try:
            labels.update(ask_haiku(f"Give each quote a 4-8 word neutral label. JSON id->label.\n{listing}", 2048))
        except Exception as err:  # expect-not: naive-retry, string-matched-error
            print(f"  ! {path.stem}: chunk {start // 30} failed ({err})")
    for q in quotes:
        if labels.get(q["id"]):
            q["label"] = labels[q["id"]][:120]
    path.write_text(json.dumps(store, indent=2))
    return path.stem, len(labels)


def main():
    files = sorted(SPEAKERS.glob("*.json"))
    with ThreadPoolExecutor(max_workers=POOL) as pool:
        jobs = {pool.submit(label_speaker, f): f for f in files}  # expect-not: unbounded-fanout
        for job in as_completed(jobs):
            name, count = job.result()
            print(f"  {name}: {count}")


if __name__ == "__main__":
    main()
