# realworld repro (positive + negative): naive-retry + batchable-fanout -- an offline script tags every untagged clip
# with one raw urllib POST to /v1/messages (Haiku 4.5) two same-file functions below the loop and checkpoints the tags
# to JSON; the request helper retries HTTP 429, 529 and 500 after a fixed 15 s then 30 s, never reading retry-after;
# look-alikes: a numeric status test, a second pass only after invalid JSON, a failed clip recorded and skipped, the
# template formatted into the user turn with no system prompt, a 0.4 s pause, the key from the environment
# source: plfranc0/gigi-dashboard scripts/ai-tag.py:104
# source: plfranc0/gigi-dashboard scripts/ai-tag.py:106
# source: plfranc0/gigi-dashboard scripts/ai-tag.py:110
# source: plfranc0/gigi-dashboard scripts/ai-tag.py:149
# source: plfranc0/gigi-dashboard scripts/ai-tag.py:189
# source: plfranc0/gigi-dashboard scripts/ai-tag.py:36
import json
import os
import sys
import time
import urllib.error
import urllib.request

KEY = os.environ.get("ANTHROPIC_API_KEY")  # expect-not: hardcoded-api-key
TAG_MODEL = "claude-haiku-4-5-20251001"
MOODS = ["calm", "tense", "funny", "sad"]
TEMPLATE = """Tag one short clip. Answer with JSON {{"mood": one of {moods}}} and nothing else.
CAPTION: {caption}"""


def ask(messages, max_tokens=300):
    data = json.dumps({"model": TAG_MODEL, "max_tokens": max_tokens, "messages": messages}).encode()
    req = urllib.request.Request(
        "https://api.anthropic.com/v1/messages", data=data,
        headers={"x-api-key": KEY, "anthropic-version": "2023-06-01", "content-type": "application/json"})
    for attempt in range(3):  # expect: naive-retry
        try:
            with urllib.request.urlopen(req, timeout=120) as resp:  # expect: batchable-fanout; expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt, unbounded-fanout
                return json.load(resp)["content"][0]["text"]
        except urllib.error.HTTPError as err:
            if err.code in (429, 529, 500) and attempt < 2:  # expect-not: string-matched-error
                time.sleep(15 * (attempt + 1))
                continue
            raise SystemExit(f"HTTP {err.code}")
    raise SystemExit("unreachable")


def tag_clip(clip):
    messages = [{"role": "user", "content": TEMPLATE.format(moods=MOODS, caption=clip.get("caption", ""))}]
    for attempt in (1, 2):  # expect-not: naive-retry
        raw = ask(messages).strip()
        try:
            obj = json.loads(raw)
            if obj.get("mood") in MOODS:
                return obj
            problem = "mood not allowed"
        except json.JSONDecodeError as err:
            problem = f"bad JSON: {err}"
        messages += [{"role": "assistant", "content": raw}, {"role": "user", "content": problem + ". JSON only."}]
    raise ValueError(problem)


def main():
    clips = json.load(open("data/clips.json"))
    tags = json.load(open("data/tags.json")) if os.path.exists("data/tags.json") else {}
    todo = [cid for cid in clips if cid not in tags]
    failed = []
    for cid in todo:  # expect-not: naive-retry
        try:
            tags[cid] = tag_clip(clips[cid])
        except Exception as err:
            failed.append((cid, str(err)[:100]))
        time.sleep(0.4)
    json.dump(tags, open("data/tags.json", "w"))
    print(f"tagged {len(tags)}, failed {len(failed)}", file=sys.stderr)


if __name__ == "__main__":
    main()
