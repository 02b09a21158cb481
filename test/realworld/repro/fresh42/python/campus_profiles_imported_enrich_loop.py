# realworld repro (positive + negative): batchable-fanout -- an offline script walks every scraped campus record
# of a JSON file and calls an enrichment function imported from a sibling module (one raw Opus request of 4,000
# tokens per record), one after another with a 1 s pause, and dumps all results to a JSON file at the end; the
# loop's handler logs and moves on
# source: BaiP-AI-Private/ai-univ-admin-crawler enrich_with_claude.py:83
# source: BaiP-AI-Private/ai-univ-admin-crawler enrich_with_claude.py:81
import json
import logging
import os
import sys
import time

from campus_profiles_helper import enrich_campus


def main() -> None:
    key = os.environ.get("CAMPUS_CLAUDE_KEY")
    with open(sys.argv[1], encoding="utf-8") as fh:
        campuses = json.load(fh)
    results = []
    for campus in campuses:  # expect-not: unbounded-fanout, naive-retry
        try:
            results.append(enrich_campus(campus, key))  # expect: batchable-fanout; expect-not: model-routing
            time.sleep(1)
        except Exception as exc:
            logging.error("skipped %s: %s", campus.get("name"), exc)
            results.append({"name": campus.get("name"), "error": str(exc)})
    with open("enriched_campuses.json", "w", encoding="utf-8") as fh:
        json.dump(results, fh, indent=2)


if __name__ == "__main__":
    main()
