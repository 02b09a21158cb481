# realworld repro (positive + negative): batchable-fanout -- an offline script walks every recipe card in a
# JSON catalogue, skips the ones whose text hash is cached, and calls a same-file scorer that sends one Sonnet
# create per card; each score is written into the card's record and the whole catalogue is dumped back after
# the loop; look-alikes: max_tokens 300 is above the model-routing bar, the rubric is joined into the user turn
# (no system prompt), the scorer logs and returns None on any error, the loop is sequential with a short pause,
# the key comes from the environment and a placeholder appears only in a help message
# source: dacharyc/agent-skill-analysis analysis/llm_judge.py:96
# source: dacharyc/agent-skill-analysis analysis/llm_judge.py:117
# source: dacharyc/agent-skill-analysis analysis/llm_judge.py:127
import hashlib
import json
import os
import sys
import time
from pathlib import Path

CATALOGUE = Path("data/recipes.json")
RUBRIC = """Score this recipe card from 1 to 5 on clarity, completeness and safety of the steps.
Reply with a JSON object: {"clarity": n, "completeness": n, "safety": n, "comment": "<one sentence>"}"""


def score_card(text, client):
    try:
        reply = client.messages.create(  # expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens, unbounded-fanout
            model="claude-sonnet-4-5",
            max_tokens=300,
            messages=[{"role": "user", "content": f"{RUBRIC}\n\nCARD:\n{text[:6000]}"}],
        )
        return json.loads(reply.content[0].text)
    except Exception as exc:  # expect-not: naive-retry, string-matched-error
        print(f"scoring failed: {exc}", file=sys.stderr)
        return None


def main():
    key = os.environ.get("ANTHROPIC_API_KEY")
    if not key:
        print("export ANTHROPIC_API_KEY=your-key-first")  # expect-not: hardcoded-api-key
        sys.exit(0)
    import anthropic

    client = anthropic.Anthropic(api_key=key)  # expect-not: retries-disabled
    data = json.loads(CATALOGUE.read_text())
    for card in data["cards"]:
        digest = hashlib.sha256(card["text"].encode()).hexdigest()[:12]
        if card.get("digest") == digest and card.get("scores"):
            continue
        scores = score_card(card["text"], client)
        if scores:
            card["scores"] = scores
            card["digest"] = digest
        time.sleep(0.5)
    CATALOGUE.write_text(json.dumps(data, indent=2))


if __name__ == "__main__":
    main()
