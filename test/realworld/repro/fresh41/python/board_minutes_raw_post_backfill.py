# realworld repro (positive + negative): batchable-fanout -- an offline script summarises every school-board meeting
# whose minutes are posted but not yet summarised: one raw requests.post to /v1/messages per meeting through a
# same-file helper (Sonnet, 1200 tokens, the minutes in the user turn, a long timeout), one after another with a
# pause, each summary saved to a JSON file; a failure is logged and skipped, the status is compared as a number
# source: chriswjohnston/Nipissing scripts/generate_summaries.py:219
# source: chriswjohnston/Nipissing scripts/generate_summaries.py:268
# source: chriswjohnston/Nipissing scripts/generate_summaries.py:226
# source: chriswjohnston/Nipissing scripts/generate_summaries.py:22
import json
import os
import time
from pathlib import Path

import requests

KEY = os.environ.get("ANTHROPIC_API_KEY", "").strip()  # expect-not: hardcoded-api-key
MEETINGS = Path("data/board_meetings.json")
SUMMARIES = Path("data/board_summaries.json")


def ask_claude(prompt: str) -> str:
    if not KEY:
        raise RuntimeError("ANTHROPIC_API_KEY is not set")
    r = requests.post(  # expect: batchable-fanout; expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt, retries-disabled
        "https://api.anthropic.com/v1/messages",
        headers={"x-api-key": KEY, "anthropic-version": "2023-06-01", "content-type": "application/json"},
        json={
            "model": "claude-3-5-sonnet-latest",
            "max_tokens": 1200,
            "messages": [{"role": "user", "content": [{"type": "text", "text": prompt}]}],
        },
        timeout=180,
    )
    if r.status_code != 200:  # expect-not: string-matched-error
        print("summary request failed:", r.status_code, r.text)
        r.raise_for_status()
    parts = r.json().get("content", [])
    out = "\n".join(p.get("text", "") for p in parts if p.get("type") == "text").strip()
    if not out:
        raise RuntimeError("empty summary")
    return out


def main() -> None:
    meetings = json.loads(MEETINGS.read_text(encoding="utf-8"))
    done = json.loads(SUMMARIES.read_text(encoding="utf-8")) if SUMMARIES.exists() else {}
    todo = [m for m in meetings if m.get("minutes_text") and m["id"] not in done]
    skipped = 0
    for meeting in todo:  # expect-not: naive-retry, unbounded-fanout
        try:
            prompt = (
                "Summarise these school-board minutes for parents in plain language: decisions, votes, "
                f"spending, dates.\n\nMinutes of {meeting['date']}:\n{meeting['minutes_text'][:120000]}"
            )
            done[meeting["id"]] = ask_claude(prompt)
            SUMMARIES.write_text(json.dumps(done, indent=2), encoding="utf-8")
            time.sleep(1.5)
        except Exception as exc:
            print(f"skipped {meeting['id']}: {exc}")
            skipped += 1
    print(f"summarised {len(todo) - skipped}, skipped {skipped}")


if __name__ == "__main__":
    main()
