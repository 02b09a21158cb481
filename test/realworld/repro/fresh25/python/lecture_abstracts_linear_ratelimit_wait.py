# realworld repro (positive + negative): naive-retry, batchable-fanout -- an offline script walks every row of a
# lecture-notes CSV, sends one create per row through a helper whose three-attempt loop sleeps 45 then 90 s on a
# rate limit (a linear wait of its own, retry-after never read, default client), keeps each answer in a progress
# dict saved by a same-file helper and writes the final CSV; look-alikes: Sonnet with 400 tokens (above the
# classification bound), no system prompt, a catch-all in the data loop that only prints and stops
# source: ylevental/drivendata generate_submission_ratelimited.py:35
# source: ylevental/drivendata generate_submission_ratelimited.py:37
# source: ylevental/drivendata generate_submission_ratelimited.py:44
import json
import os
import time
from pathlib import Path

import anthropic
import pandas as pd

HERE = Path(__file__).parent


def ask_abstract(notes: str, client: anthropic.Anthropic) -> str:
    tries = 3
    for n in range(tries):  # expect: naive-retry
        try:
            reply = client.messages.create(  # expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens, unbounded-fanout
                model="claude-sonnet-4-20250514",
                max_tokens=400,
                messages=[{"role": "user", "content": f"Summarise these lecture notes in about 150 words.\n\n{notes}"}],
            )
            return reply.content[0].text.strip()
        except anthropic.RateLimitError:  # expect-not: string-matched-error
            if n < tries - 1:
                time.sleep(45 * (n + 1))
            else:
                raise


def store(path: Path, state: dict) -> None:
    with open(path, "w") as fh:
        json.dump(state, fh)


def main():
    client = anthropic.Anthropic(api_key=os.environ.get("ANTHROPIC_API_KEY"))  # expect-not: retries-disabled, hardcoded-api-key
    rows = pd.read_csv(HERE / "lectures.csv")
    state_path = HERE / "state.json"
    state = {"done": [], "items": []}
    for _, row in rows.iterrows():
        try:
            text = ask_abstract(row["notes"], client)
            state["done"].append(int(row["lecture_id"]))
            state["items"].append({"lecture_id": int(row["lecture_id"]), "abstract": text})
            time.sleep(10)
        except Exception as err:
            print(f"stopped: {err}")
            store(state_path, state)
            return
    store(state_path, state)
    pd.DataFrame(state["items"]).to_csv(HERE / "abstracts.csv", index=False)


if __name__ == "__main__":
    main()
