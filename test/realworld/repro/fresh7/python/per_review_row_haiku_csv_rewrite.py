# realworld repro (positive): batchable-fanout -- an offline script labels each customer review of a CSV with
# one Haiku request (a short few-shot system prompt; already on Haiku, so nothing else is expected) and writes
# the labels back to the file
# source: heeso0908/streamlit-final-project classify_with_claude.py:55
import json
import os
import time

import anthropic
import pandas as pd

client = anthropic.Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])

RULES = """Label the shop review. Reply with JSON only: {"kind": "complaint|request|praise|question", "mood": "pos|neg|neutral"}
Example: stars=1, text="Waited half an hour." -> {"kind": "complaint", "mood": "neg"}"""


def label(stars, text):
    reply = client.messages.create(  # expect: batchable-fanout
        model="claude-haiku-4-5-20251001",
        max_tokens=80,
        system=RULES,
        messages=[{"role": "user", "content": f"stars={stars}, text={text!r}"}],
    )
    return json.loads(reply.content[0].text)


def main():
    table = pd.read_csv("reviews.csv")
    kinds, moods = [], []
    for _, row in table.iterrows():
        tag = label(row["stars"], row["text"])
        kinds.append(tag["kind"])
        moods.append(tag["mood"])
        time.sleep(0.3)
    table["kind"], table["mood"] = kinds, moods
    table.to_csv("reviews.csv", index=False)


if __name__ == "__main__":
    main()
