# realworld repro (positive + negative): batchable-fanout -- a module-level offline run fetches each listed site and
# then classifies it with one raw urllib POST to /v1/messages (Haiku 4.5, 700 tokens), appending a JSONL record per
# site; look-alikes: already Haiku, no system prompt (the template sits in the user turn ahead of the page text), a
# failed classification is counted and skipped (no retry), a fixed pause between sites, the key from the environment
# source: sjcripps/steel-wheel-site scripts/transload-facility-type.py:155
# source: sjcripps/steel-wheel-site scripts/transload-facility-type.py:172
# source: sjcripps/steel-wheel-site scripts/transload-facility-type.py:186
# source: sjcripps/steel-wheel-site scripts/transload-facility-type.py:49
import json
import os
import re
import sys
import time
import urllib.request

KEY = os.environ.get("ANTHROPIC_API_KEY", "").strip()  # expect-not: hardcoded-api-key
if not KEY:
    sys.exit("ANTHROPIC_API_KEY not set")
PAUSE = 1.5

ASK = """Read this venue's web page and say whether it hosts public events.
Answer JSON only: {{"public_events": true/false, "evidence": "<exact quote or empty>"}}

PAGE:
{page}
"""


def page_text(url):
    with urllib.request.urlopen(url, timeout=20) as r:
        return re.sub(r"<[^>]+>", " ", r.read(500_000).decode("utf-8", "replace"))


def judge(page):
    body = json.dumps({"model": "claude-haiku-4-5-20251001", "max_tokens": 700,
                       "messages": [{"role": "user", "content": ASK.format(page=page[:12000])}]}).encode()
    req = urllib.request.Request("https://api.anthropic.com/v1/messages", data=body, headers={
        "x-api-key": KEY, "anthropic-version": "2023-06-01", "content-type": "application/json"})
    with urllib.request.urlopen(req, timeout=90) as r:  # expect: batchable-fanout; expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt, unbounded-fanout
        out = json.loads(r.read().decode())
    return json.loads(re.search(r"\{.*\}", out["content"][0]["text"], re.S).group(0))


venues = json.load(open("data/venues.json"))
failed = 0
with open("data/venue-events.jsonl", "a") as fh:
    for v in venues:  # expect-not: naive-retry
        try:
            text = page_text(v["website"])
        except Exception:
            continue
        try:
            verdict = judge(text)
        except Exception as err:  # expect-not: string-matched-error
            failed += 1
            fh.write(json.dumps({"name": v["name"], "ok": False, "error": str(err)[:100]}) + "\n")
            time.sleep(PAUSE)
            continue
        fh.write(json.dumps({"name": v["name"], "ok": True, **verdict}) + "\n")
        time.sleep(PAUSE)
print("failed", failed)
