# realworld repro (positive + negative): batchable-fanout -- an offline script loops over a top-level list of
# thirteen neighbourhoods and calls a same-file function that builds a new client and sends one Sonnet create per
# neighbourhood with that area's statistics, collecting the sentences and writing them to a JSON file after the loop;
# look-alikes: 1,024-token editorial writing (not classification-sized), a short constant system prompt, a
# per-area handler that prints and moves on after a one-second pause, the usage text shows a placeholder key
# source: HutchNBoots/ThisIsLondon scripts/generate_borough_facts.py:80
# source: HutchNBoots/ThisIsLondon scripts/generate_borough_facts.py:123
# source: HutchNBoots/ThisIsLondon scripts/generate_borough_facts.py:56
import json
import os
import sys
import time

import anthropic

AREAS = [
    "Old Harbour", "Mill Quarter", "North Fields", "Castle Hill", "Riverside", "Brick Lanes", "Saint Anne's",
    "The Docks", "Market Cross", "Upper Green", "Westgate", "Chapel End", "Long Meadow",
]

TONE = """You write short plaques for a city walking tour. Be precise and specific, never generic.
At most one sentence may be mainly a statistic."""


def notes_for(area, stats):
    api = anthropic.Anthropic(api_key=os.environ.get("ANTHROPIC_API_KEY", ""))  # expect-not: retries-disabled, hardcoded-api-key
    ask = f"Write exactly 3 plaque sentences about {area}.\n\nData:\n{json.dumps(stats.get(area, {}))}\n\nReturn a JSON array of 3 strings."
    reply = api.messages.create(  # expect: batchable-fanout; expect-not: model-routing, uncached-prompt, nonstreaming-max-tokens, missing-max-tokens
        model="claude-sonnet-4-20250514",
        max_tokens=1024,
        messages=[{"role": "user", "content": ask}],
        system=TONE,
    )
    return json.loads(reply.content[0].text)


def main():
    if not os.environ.get("ANTHROPIC_API_KEY"):
        sys.exit("Usage: ANTHROPIC_API_KEY=sk-... python make_notes.py")
    with open("data/area_stats.json") as fh:
        stats = json.load(fh)
    notes = {}
    for area in AREAS:  # expect-not: unbounded-fanout
        try:
            notes[area] = notes_for(area, stats)
        except Exception as exc:  # expect-not: naive-retry, string-matched-error
            print(f"{area}: {exc}")
        time.sleep(1)
    with open("data/area_notes.json", "w") as fh:
        json.dump(notes, fh, indent=2)


if __name__ == "__main__":
    main()
