# realworld repro (positive + negative): batchable-fanout -- an offline CLI runs up to twenty rounds, each pulling
# fifteen untagged headlines from SQLite and sending them to a same-file helper that makes one Sonnet create per
# round and writes the answers back; look-alikes: 3000 tokens for fifteen rows, no system prompt, a handler that
# prints and returns 0, and a key read from the environment
# source: gudanqiangshou/ai-infra-monitor scripts/classify_with_claude.py:111
# source: gudanqiangshou/ai-infra-monitor scripts/classify_with_claude.py:155
# source: gudanqiangshou/ai-infra-monitor scripts/classify_with_claude.py:87
import json
import os
import sqlite3
import time

from anthropic import Anthropic

ASK = """Tag each headline below with a Chinese title, a score from 1 to 5 and a one-line take.
{rows}
Reply with a JSON array of objects with keys n, title, score, take."""


def pending(db, limit=15):
    cur = db.execute("SELECT id, title FROM headlines WHERE tagged IS NULL LIMIT ?", (limit,))
    return cur.fetchall()


def tag_round(api, db, items):
    rows = "\n".join(f"[{n}] {title}" for n, (_, title) in enumerate(items, 1))
    try:
        res = api.messages.create(  # expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
            model=os.environ.get("TAG_MODEL", "claude-sonnet-4-6"),
            max_tokens=3000,
            messages=[{"role": "user", "content": ASK.format(rows=rows)}],
        )
        for entry in json.loads(res.content[0].text):
            row_id = items[entry["n"] - 1][0]
            db.execute("UPDATE headlines SET tagged = ? WHERE id = ?", (json.dumps(entry), row_id))
        db.commit()
        return len(items)
    except Exception as err:
        print(f"tagging failed: {err}")  # expect-not: string-matched-error
        return 0


def main(rounds=20):
    key = os.environ.get("TAG_KEY")  # expect-not: hardcoded-api-key
    api = Anthropic(api_key=key)
    db = sqlite3.connect("news.db")
    for _ in range(rounds):
        items = pending(db)
        if not items:
            break
        tag_round(api, db, items)
        time.sleep(1)


if __name__ == "__main__":
    main()
