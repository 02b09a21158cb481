# realworld repro (positive + negative): batchable-fanout -- an offline backfill reads pages of court notes still
# lacking a digest, hands each row to a thread pool sized by a --workers option (default 4), whose worker wraps a
# same-file helper that sends one Haiku create per row, and writes each digest back to SQLite; look-alikes: the pool
# size comes from the command line (not unbounded), a Haiku constant named for its tier, a short constant system
# prompt, a catch-all that turns the error into a result tuple (no retry), a dry-run placeholder key
# source: judgemind/judgemind scripts/backfill_summaries.py:160
# source: judgemind/judgemind scripts/backfill_summaries.py:268
# source: judgemind/judgemind scripts/backfill_summaries.py:229
# source: judgemind/judgemind scripts/backfill_summaries.py:232
# source: judgemind/judgemind scripts/backfill_summaries.py:336
import argparse
import os
import sqlite3
from concurrent.futures import ThreadPoolExecutor, as_completed

import anthropic
from house_settings import HAIKU_MODEL_ID

DIGEST_SYSTEM = (
    "You condense a court's tentative note into three plain sentences: "
    "the request, the likely outcome and the main reason."
)


def digest(note: str, client: anthropic.Anthropic) -> str:
    reply = client.messages.create(  # expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
        model=HAIKU_MODEL_ID,
        max_tokens=400,
        system=DIGEST_SYSTEM,
        messages=[{"role": "user", "content": f"Condense this note:\n\n{note}"}],
    )
    return reply.content[0].text.strip()


def digest_row(note_id: int, note: str, client: anthropic.Anthropic):
    try:  # expect-not: naive-retry
        return note_id, digest(note, client), None
    except Exception as err:  # expect-not: string-matched-error
        return note_id, None, str(err)


def run_page(db, rows, client, workers: int) -> int:
    done = 0
    with ThreadPoolExecutor(max_workers=workers) as pool:
        jobs = [
            pool.submit(digest_row, note_id, note, client)  # expect-not: unbounded-fanout
            for note_id, note in rows
        ]
        for job in as_completed(jobs):
            note_id, text, err = job.result()
            if err:
                print(f"note {note_id}: {err}")
                continue
            db.execute("UPDATE notes SET digest = ? WHERE id = ?", (text, note_id))
            done += 1
    db.commit()
    return done


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--workers", type=int, default=4)
    ap.add_argument("--page", type=int, default=40)
    args = ap.parse_args()
    client = anthropic.Anthropic(api_key=os.environ.get("ANTHROPIC_API_KEY") or "offline-placeholder")  # expect-not: retries-disabled, hardcoded-api-key
    db = sqlite3.connect("notes.db")
    last = 0
    while True:
        rows = db.execute(
            "SELECT id, body FROM notes WHERE digest IS NULL AND id > ? ORDER BY id LIMIT ?", (last, args.page)
        ).fetchall()
        if not rows:
            break
        last = rows[-1][0]
        print(f"page done: {run_page(db, rows, client, args.workers)}")


if __name__ == "__main__":
    main()
