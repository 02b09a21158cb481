# realworld repro (positive + negative): naive-retry -- each record's helper re-sends the create up to three
# times on any Exception with no wait at all; batchable-fanout -- an offline CLI annotates every record of a
# JSONL file with one create each through a thread pool and appends each result to an output JSONL;
# unbounded-fanout look-alike -- the pool is capped at 8 workers; model-routing look-alike -- already on Haiku
# source: omkarb21/Named-Entity-Recognition-for-Tech annotate_with_claude.py:188
# source: omkarb21/Named-Entity-Recognition-for-Tech annotate_with_claude.py:190
# source: omkarb21/Named-Entity-Recognition-for-Tech annotate_with_claude.py:249
import argparse
import json
import threading
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

import anthropic

TAGGER_MODEL = "claude-haiku-4-5"
GUIDE = "List every dish and every ingredient named in the recipe text. Reply with JSON {dishes: [], ingredients: []}."

client = anthropic.Anthropic()
lock = threading.Lock()


def tag_one(item: dict, tries: int = 3) -> dict:
    problem = None
    for _ in range(tries):  # expect: naive-retry
        try:
            reply = client.messages.create(  # expect: batchable-fanout; expect-not: model-routing
                model=TAGGER_MODEL,
                max_tokens=2000,
                system=GUIDE,
                messages=[{"role": "user", "content": item["body"]}],
            )
            return {"id": item["id"], "tags": json.loads(reply.content[0].text)}
        except Exception as err:
            problem = err
    return {"id": item["id"], "tags": None, "error": str(problem)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--src", type=Path, required=True)
    ap.add_argument("--dst", type=Path, required=True)
    opts = ap.parse_args()
    items = [json.loads(line) for line in opts.src.read_text(encoding="utf-8").splitlines() if line.strip()]
    with opts.dst.open("a", encoding="utf-8") as sink:
        with ThreadPoolExecutor(max_workers=8) as pool:
            pending = [pool.submit(tag_one, it) for it in items]  # expect-not: unbounded-fanout
            for fut in as_completed(pending):
                with lock:
                    sink.write(json.dumps(fut.result()) + "\n")


if __name__ == "__main__":
    main()
