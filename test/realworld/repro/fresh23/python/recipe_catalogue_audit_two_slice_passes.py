# realworld repro (positive + negative): batchable-fanout -- a click command audits every recipe card in the
# database in two passes, each walking the cards in slices of ten and sending one Sonnet create per slice (a
# consistency check, then a wording review); each slice's issues are collected and the report is written to a file
# and printed after both passes; look-alikes: 4,096-token JSON answers (not classification-sized), the instructions
# are per-slice f-strings in the user turn (no system prompt), the handlers log the slice and move on, the loops are
# sequential, the key comes from a click option bound to the environment and the docstring shows only a placeholder
# source: owid/etl etl/scripts/check_explorer_metadata.py:464
# source: owid/etl etl/scripts/check_explorer_metadata.py:583
# source: owid/etl etl/scripts/check_explorer_metadata.py:497
# source: owid/etl etl/scripts/check_explorer_metadata.py:818
import json

import anthropic
import click

from kitchen.db import load_cards

REVIEWER = "claude-3-5-sonnet-20241022"


def consistency_pass(cards, key, width=10):
    api = anthropic.Anthropic(api_key=key)  # expect-not: retries-disabled
    found = []
    for start in range(0, len(cards), width):
        chunk = cards[start : start + width]
        ask = f"""Check these {len(chunk)} recipe cards for impossible combinations (e.g. a vegan dish listing
butter). Return a JSON array of {{"card_id": int, "explanation": str}}; [] when nothing is wrong.

{json.dumps(chunk, indent=2)}"""
        try:
            reply = api.messages.create(  # expect: batchable-fanout; expect-not: model-routing, naive-retry, uncached-prompt, nonstreaming-max-tokens
                model=REVIEWER,
                max_tokens=4096,
                messages=[{"role": "user", "content": ask}],
            )
            found.extend(json.loads(reply.content[0].text))
        except Exception as exc:  # expect-not: string-matched-error
            print(f"slice at {start} failed: {exc}")
            continue
    return found


def wording_pass(cards, key, width=10):
    api = anthropic.Anthropic(api_key=key)  # expect-not: retries-disabled
    found = []
    for start in range(0, len(cards), width):
        chunk = [{"card_id": c["card_id"], "title": c["title"], "intro": c["intro"]} for c in cards[start : start + width]]
        ask = f"""Review the titles and intros of these {len(chunk)} recipe cards for grammar and unclear phrasing.
Return a JSON array of {{"card_id": int, "text": str, "suggestion": str}}; [] when nothing is wrong.

{json.dumps(chunk, indent=2)}"""
        try:
            reply = api.messages.create(  # expect: batchable-fanout; expect-not: model-routing, naive-retry, missing-max-tokens
                model=REVIEWER,
                max_tokens=4096,
                messages=[{"role": "user", "content": ask}],
            )
            found.extend(json.loads(reply.content[0].text))
        except Exception as exc:  # expect-not: string-matched-error
            print(f"slice at {start} failed: {exc}")
            continue
    return found


@click.command()
@click.option("--anthropic-api-key", envvar="ANTHROPIC_API_KEY")
@click.option("--report", default="card_audit.json")
def main(anthropic_api_key, report):
    """Audit recipe cards.

    Example: ANTHROPIC_API_KEY=sk-... python audit_cards.py --report out.json
    """  # expect-not: hardcoded-api-key
    cards = load_cards()
    issues = consistency_pass(cards, anthropic_api_key) + wording_pass(cards, anthropic_api_key)
    with open(report, "w") as fh:
        json.dump(issues, fh, indent=2)
    print(f"{len(issues)} issues written to {report}")


if __name__ == "__main__":
    main()
