# realworld repro (positive + negative): naive-retry -- a per-row helper re-sends the create up to three times,
# its anthropic.APIError handler (which also catches rate limits) sleeping 2**attempt, never reading retry-after;
# batchable-fanout -- main() scores every CSV row through that helper and writes each row to an output CSV;
# model-routing look-alike -- the model comes from configuration and max_tokens is 300 (above the 256 line)
# source: lindsaygross/Lucid scripts/label_with_claude.py:191
# source: lindsaygross/Lucid scripts/label_with_claude.py:193
import argparse
import csv
import json
import logging
import os
import time
from pathlib import Path

import anthropic

log = logging.getLogger(__name__)

SCORING_SYSTEM = "Rate the review for tone and helpfulness. Reply with JSON: {tone: 0-2, helpful: 0-2, why: text}."


def score_one(client: anthropic.Anthropic, text: str, model: str, tries: int = 3) -> dict | None:
    for attempt in range(tries):  # expect: naive-retry
        try:
            reply = client.messages.create(  # expect: batchable-fanout; expect-not: model-routing
                model=model,
                max_tokens=300,
                system=SCORING_SYSTEM,
                messages=[{"role": "user", "content": text}],
            )
            body = "".join(block.text for block in reply.content if block.type == "text")
            try:
                return json.loads(body)
            except json.JSONDecodeError:
                log.warning("bad JSON on attempt %d", attempt + 1)
        except anthropic.APIError as err:
            log.warning("API error on attempt %d: %s", attempt + 1, err)
            time.sleep(2**attempt)
    return None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--input", type=Path, required=True)
    parser.add_argument("--output", type=Path, required=True)
    args = parser.parse_args()

    client = anthropic.Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])
    model = os.environ.get("SCORING_MODEL", "claude-sonnet-4-5")

    with args.input.open(encoding="utf-8") as src:
        rows = list(csv.DictReader(src))

    with args.output.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=["id", "tone", "helpful", "why"])
        writer.writeheader()
        for row in rows:
            scores = score_one(client, row["text"], model=model)
            if scores is None:
                continue
            writer.writerow({"id": row["id"], **scores})


if __name__ == "__main__":
    main()
