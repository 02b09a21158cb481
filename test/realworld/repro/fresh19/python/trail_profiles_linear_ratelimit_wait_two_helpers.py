# realworld repro (positive + negative): naive-retry, batchable-fanout -- an offline argparse script fills in missing
# write-ups for trail profiles: main loops over the chosen profile ids and calls a same-file function per profile,
# which calls a same-file sender whose three-attempt loop catches RateLimitError and sleeps a linearly growing
# 30 s, 60 s (retry-after never read; the default client keeps the SDK's retries); each answer is merged into the
# profile's JSON file; look-alikes: the handler is class-based, the later text tests compare the script's own
# status strings, a fixed pause paces the loop, no system prompt, Sonnet at 4,000 tokens, the key from the environment
# source: wattgod/gravel-race-automation scripts/batch_enrich.py:218
# source: wattgod/gravel-race-automation scripts/batch_enrich.py:220
# source: wattgod/gravel-race-automation scripts/batch_enrich.py:226
# source: wattgod/gravel-race-automation scripts/batch_enrich.py:332
# source: wattgod/gravel-race-automation scripts/batch_enrich.py:216
import argparse
import json
import os
import time
from pathlib import Path

PROFILES = Path("profiles")
NOTES = Path("notes")


def ask(text, attempts=3, step=30):
    import anthropic

    token = os.environ.get("TRAIL_CLAUDE_KEY")
    if not token:
        raise ValueError("TRAIL_CLAUDE_KEY is not set")
    api = anthropic.Anthropic(api_key=token)  # expect-not: retries-disabled, hardcoded-api-key
    for k in range(attempts):  # expect: naive-retry
        try:
            reply = api.messages.create(  # expect: batchable-fanout; expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt
                model="claude-sonnet-4-20250514",
                max_tokens=4000,
                messages=[{"role": "user", "content": text}],
            )
            return reply.content[0].text
        except anthropic.RateLimitError:  # expect-not: string-matched-error
            if k < attempts - 1:
                pause = step * (k + 1)
                print(f"  throttled, sleeping {pause}s")
                time.sleep(pause)
            else:
                raise


def fill_profile(pid):
    path = PROFILES / f"{pid}.json"
    if not path.exists():
        return False, f"missing profile {pid}"
    data = json.loads(path.read_text())
    notes = NOTES / f"{pid}.md"
    if not notes.exists():
        return False, f"no notes for {pid}"
    text = (
        f"Write a short paragraph for each section of the trail '{data.get('name', pid)}'.\n"
        f"Answer with JSON only.\n\nNOTES:\n{notes.read_text()[:6000]}"
    )
    try:
        sections = json.loads(ask(text))
    except Exception as exc:
        return False, f"request failed: {exc}"
    data["write_up"] = sections
    path.write_text(json.dumps(data, indent=2) + "\n")
    return True, f"filled {pid}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("ids", nargs="+")
    ap.add_argument("--pause", type=int, default=3)
    args = ap.parse_args()
    done = skipped = 0
    for n, pid in enumerate(args.ids, 1):  # expect-not: unbounded-fanout
        ok, msg = fill_profile(pid)
        print(msg)
        if ok:
            done += 1
        elif "no notes" in msg or "missing profile" in msg:
            skipped += 1
        if ok and n < len(args.ids):
            time.sleep(args.pause)
    print(f"{done} filled, {skipped} skipped")


if __name__ == "__main__":
    main()
