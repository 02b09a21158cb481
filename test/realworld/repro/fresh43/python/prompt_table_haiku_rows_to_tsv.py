# realworld repro (positive + negative): batchable-fanout -- a command-line experiment reads a TSV of prompts,
# takes a slice of its rows and sends one Claude 3.5 Haiku create (500 tokens, one-sentence system prompt) per row,
# storing each reply in the frame and writing the frame to a TSV every 150 rows and at the end; no try around the
# call, the loop is sequential
# source: renateburema/master_thesis code/experiments_claude.py:30
# source: renateburema/master_thesis code/experiments_claude.py:27
# source: renateburema/master_thesis code/experiments_claude.py:13
import sys

import anthropic
import pandas as pd


def run(first: int, last: int, table: str) -> None:
    client = anthropic.Anthropic()  # expect-not: retries-disabled, hardcoded-api-key
    frame = pd.read_csv(f"prompts/{table}", sep="\t").loc[first:last].reset_index(drop=True)
    frame["reply"] = None
    for i in range(len(frame)):  # expect-not: naive-retry, unbounded-fanout
        message = client.messages.create(  # expect: batchable-fanout; expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt
            model="claude-3-5-haiku-20241022",
            max_tokens=500,
            temperature=0.0,
            system="Answer as a careful survey respondent.",
            messages=[{"role": "user", "content": [{"type": "text", "text": frame.loc[i, "prompt"]}]}],
        )
        frame.loc[i, "reply"] = message.content[0].text
        if i % 150 == 0:
            frame.to_csv(f"replies/{table}_{first}_{last}_partial.tsv", sep="\t", index=False)
    frame.to_csv(f"replies/{table}_{first}_{last}.tsv", sep="\t", index=False)


if __name__ == "__main__":
    run(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3])
