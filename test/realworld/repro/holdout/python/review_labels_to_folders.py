# realworld repro (positive): batchable-fanout -- a CLI labels every sampled review with one call each
# (a method of a labeller class) and writes the labels to files and a CSV
# source: haoyungweng/yelp-claude-classifier classify.py:212
import argparse

import anthropic
import pandas as pd


class Labeller:
    def __init__(self, key):
        self.client = anthropic.Anthropic(api_key=key)

    def label(self, text):
        reply = self.client.messages.create(  # expect: batchable-fanout
            model="claude-haiku-4-5",
            max_tokens=20,
            system="Answer with one word: food, shop, health or other.",
            messages=[{"role": "user", "content": f"Review: {text}"}],
        )
        return reply.content[0].text.strip().lower()

    def label_all(self, frame):
        rows = []
        for _, row in frame.iterrows():
            rows.append({"id": row["id"], "label": self.label(row["text"])})
        return pd.DataFrame(rows)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--key", required=True)
    args = parser.parse_args()
    frame = pd.read_csv("reviews.csv")
    Labeller(args.key).label_all(frame).to_csv("labels.csv", index=False)


if __name__ == "__main__":
    main()
