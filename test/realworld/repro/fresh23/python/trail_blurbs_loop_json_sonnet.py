# realworld repro (positive + negative): batchable-fanout -- an offline script walks every hiking trail parsed from
# the site's data files, skips the ones that already have a blurb, sends one Sonnet create per remaining trail with a
# short constant system prompt and writes the whole dictionary to a JSON file after the loop; look-alikes:
# max_tokens 300 for a 50-word paragraph (a writing task above the classification bar), the constant system prompt
# is far below the cacheable minimum, there is no try or retry, the loop is sequential, the key comes from a dotenv
# source: niclaslof/prag scripts/generate_descriptions.py:99
# source: niclaslof/prag scripts/generate_descriptions.py:71
import json
import os
import sys
from pathlib import Path

import anthropic
from dotenv import load_dotenv

load_dotenv(".env.local")
TRAILS = Path("site/data/trails.json")
BLURBS = Path("site/data/trail_blurbs.json")
WRITER = "claude-sonnet-4-6"

VOICE = """You write one lively paragraph (about 50 words) per hiking trail for a regional guide.
Name one thing a walker will see or hear. No cliches such as 'breathtaking' or 'hidden gem'."""


def main() -> int:
    api = anthropic.Anthropic(api_key=os.getenv("ANTHROPIC_API_KEY"))  # expect-not: retries-disabled, hardcoded-api-key
    trails = json.loads(TRAILS.read_text(encoding="utf-8"))
    blurbs = json.loads(BLURBS.read_text(encoding="utf-8")) if BLURBS.exists() else {}
    for trail in trails:  # expect-not: unbounded-fanout, naive-retry
        if trail["slug"] in blurbs:
            continue
        ask = f"Trail: {trail['name']}\nRegion: {trail['region']}\nLength: {trail['km']} km\nWrite the paragraph only."
        reply = api.messages.create(  # expect: batchable-fanout; expect-not: model-routing, uncached-prompt, nonstreaming-max-tokens, missing-max-tokens
            model=WRITER,
            max_tokens=300,
            system=VOICE,
            messages=[{"role": "user", "content": ask}],
        )
        blurbs[trail["slug"]] = reply.content[0].text.strip()
    BLURBS.write_text(json.dumps(blurbs, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
