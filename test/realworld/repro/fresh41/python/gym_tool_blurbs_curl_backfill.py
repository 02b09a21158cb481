# realworld repro (positive + negative): batchable-fanout -- an offline backfill asks Haiku for a short description
# of every tool without one, one raw POST to /v1/messages per row sent through a curl subprocess, one after another
# with a short pause, and writes each answer back to the database; a failed row is counted and skipped, nothing is
# re-sent, and the only test on the reply is whether it has content
# source: infopumplo-prog/pumplo scripts/generate_descriptions.py:41
# source: infopumplo-prog/pumplo scripts/generate_descriptions.py:86
# source: infopumplo-prog/pumplo scripts/generate_descriptions.py:51
# source: infopumplo-prog/pumplo scripts/generate_descriptions.py:15
import json
import os
import sqlite3
import subprocess
import time

KEY = os.environ.get("ANTHROPIC_API_KEY", "")  # expect-not: hardcoded-api-key
DB = os.environ.get("GYM_DB", "gym.sqlite3")


def describe(tool_name: str) -> str | None:
    body = {
        "model": "claude-haiku-4-5-20251001",
        "max_tokens": 300,
        "messages": [
            {
                "role": "user",
                "content": f'Describe the gym tool "{tool_name}" in two or three plain sentences for beginners.',
            }
        ],
    }
    done = subprocess.run(  # expect: batchable-fanout; expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt, retries-disabled
        [
            "curl",
            "-s",
            "-X",
            "POST",
            "https://api.anthropic.com/v1/messages",
            "-H",
            f"x-api-key: {KEY}",
            "-H",
            "anthropic-version: 2023-06-01",
            "-H",
            "Content-Type: application/json",
            "-d",
            json.dumps(body),
        ],
        capture_output=True,
        text=True,
    )
    data = json.loads(done.stdout)
    if "content" in data and data["content"]:  # expect-not: string-matched-error
        return data["content"][0]["text"].strip()
    print(f"  no text: {data}")
    return None


def main() -> None:
    if not KEY:
        print("set ANTHROPIC_API_KEY")
        return
    db = sqlite3.connect(DB)
    rows = db.execute("SELECT id, name FROM tools WHERE blurb IS NULL OR blurb = '' ORDER BY name").fetchall()
    failed = 0
    for tool_id, name in rows:  # expect-not: naive-retry, unbounded-fanout
        text = describe(name)
        if text:
            db.execute("UPDATE tools SET blurb = ? WHERE id = ?", (text, tool_id))
            db.commit()
        else:
            failed += 1
        time.sleep(0.3)
    print(f"done, {failed} failed")


if __name__ == "__main__":
    main()
