# realworld repro (positive + negative): batchable-fanout -- an offline script whose main() sends one
# create per question row (through a same-file helper) and saves the answers to parquet through another
# helper; naive-retry look-alike -- the row loop's except records the error and moves on, nothing re-sent
# source: caizicharles/EquiLens query_claude.py:79
# source: caizicharles/EquiLens query_claude.py:138
import time

import anthropic
import pandas as pd

INSTRUCTIONS = "Answer the question with the single letter of the best option."


def pick_letter(api, model, question):
    msg = api.messages.create(  # expect: batchable-fanout
        model=model,
        max_tokens=64,
        temperature=0.0,
        system=INSTRUCTIONS,
        messages=[{"role": "user", "content": question}],
    )
    return msg.content[0].text.strip()


def store(frame, path):
    frame.to_parquet(path, index=False)


def main(model="claude-haiku-4-5", source="questions.parquet", target="answers.parquet", per_minute=50):
    api = anthropic.Anthropic()
    rows = pd.read_parquet(source)
    answers = [""] * len(rows)
    gap = 60.0 / per_minute
    for i, (_, row) in enumerate(rows.iterrows()):  # expect-not: naive-retry
        started = time.time()
        try:
            answers[i] = pick_letter(api, model, row["question"])
        except Exception as exc:
            answers[i] = f"ERROR: {exc}"
        spent = time.time() - started
        if spent < gap:
            time.sleep(gap - spent)
    rows["answer_given"] = answers
    store(rows, target)


if __name__ == "__main__":
    main()
