# realworld repro (positive + negative): batchable-fanout -- main() runs a benchmark helper that walks every
# question (in slices, one call each) and json.dumps the returned predictions; naive-retry look-alike --
# the row loop's except appends ERROR and moves on
# source: sandra1974/AI_Model_Testing AI_Testing_Project/tests/Model_Engineering/Benchmarks/MMLU.py:76
# source: sandra1974/AI_Model_Testing AI_Testing_Project/tests/Model_Engineering/Benchmarks/MMLU.py:72
import json
import os

import pandas as pd
from anthropic import Anthropic


def as_prompt(row):
    return f"{row['question']}\nA) {row['A']}\nB) {row['B']}\nC) {row['C']}\nD) {row['D']}\nAnswer with one letter."


def run_benchmark(key, csv_path, slice_size=50, model="claude-haiku-4-5"):
    api = Anthropic(api_key=key)
    table = pd.read_csv(csv_path)
    right, seen, guesses = 0, 0, []
    for start in range(0, len(table), slice_size):
        part = table.iloc[start : start + slice_size]
        for _, row in part.iterrows():  # expect-not: naive-retry
            try:
                reply = api.messages.create(  # expect: batchable-fanout
                    model=model,
                    max_tokens=1,
                    temperature=0,
                    messages=[{"role": "user", "content": as_prompt(row)}],
                )
                guess = reply.content[0].text.strip().upper()
                guesses.append(guess)
                right += guess == row["answer"].strip().upper()
                seen += 1
            except Exception as exc:
                print(f"question failed: {exc}")
                guesses.append("ERROR")
    return {"seen": seen, "right": right, "guesses": guesses}


def main():
    outcome = run_benchmark(os.getenv("BENCH_CLAUDE_KEY"), "data/mcq_sample.csv")
    print(f"accuracy {outcome['right'] / max(outcome['seen'], 1):.2%}")
    with open("mcq_results.json", "w") as fh:
        json.dump(outcome, fh, indent=4)


if __name__ == "__main__":
    main()
