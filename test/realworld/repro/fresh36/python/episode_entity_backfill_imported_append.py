# realworld repro (positive + negative): batchable-fanout -- an offline CLI walks every finished episode read from a
# database and sends one Haiku 4.5 create per episode through a same-file helper, then appends each answer to a JSONL
# file through a helper imported from a sibling module (whose body writes the line) and regroups the file at the end;
# a 2 s pause between episodes, a credit-balance text test that stops the run, other failures logged and skipped
# source: gunnarr/mediepodden scripts/extract_entities.py:80
# source: gunnarr/mediepodden scripts/extract_entities.py:96
# source: gunnarr/mediepodden scripts/extract_entities.py:98
# source: gunnarr/mediepodden scripts/extract_entities.py:164
import argparse
import asyncio
import logging
import os
import sqlite3
import time

from episode_entity_raw_store import INSTRUCTIONS, append_raw_record, parse_answer, regroup

log = logging.getLogger(__name__)


def finished_episodes(db_path: str) -> list[dict]:
    with sqlite3.connect(db_path) as conn:
        conn.row_factory = sqlite3.Row
        rows = conn.execute(
            "SELECT id, number, name, transcript FROM episodes WHERE state = 'done' ORDER BY number"
        ).fetchall()
    return [dict(r) for r in rows]


async def tag_episode(client, episode: dict) -> dict | None:
    body = episode["transcript"][:90_000]
    try:
        reply = client.messages.create(  # expect: batchable-fanout; expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt, unbounded-fanout
            model="claude-haiku-4-5",
            max_tokens=12000,
            messages=[{"role": "user", "content": INSTRUCTIONS + body}],
        )
        return parse_answer(reply.content[0].text)
    except Exception as exc:  # expect-not: naive-retry
        if "credit balance" in str(exc).lower():  # expect-not: string-matched-error
            log.error("out of credits, stopping; run again later")
            raise SystemExit(1)
        log.exception("episode %s failed", episode["number"])
        return None


async def main() -> None:
    parser = argparse.ArgumentParser(description="Tag every finished episode with its named entities")
    parser.add_argument("--db", default="episodes.db")
    args = parser.parse_args()
    episodes = finished_episodes(args.db)
    if not episodes:
        return
    import anthropic

    client = anthropic.Anthropic(api_key=os.getenv("ANTHROPIC_API_KEY"))  # expect-not: retries-disabled, hardcoded-api-key
    for n, episode in enumerate(episodes, 1):
        found = await tag_episode(client, episode)
        if found is None:
            continue
        entry = {"number": episode["number"], "name": episode["name"], "entities": found}
        append_raw_record(entry)
        if n < len(episodes):
            time.sleep(2)
    regroup()


if __name__ == "__main__":
    asyncio.run(main())
