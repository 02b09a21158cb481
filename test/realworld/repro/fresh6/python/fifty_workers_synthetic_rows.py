# realworld repro (positive + negative): offline data generation with a literal 50-worker pool over every
# sampled row (unbounded-fanout), one create per row written to JSONL (batchable-fanout), five tries with a
# doubling pause (naive-retry) lengthened on "rate"/"429" text (string-matched-error); model-routing
# look-alike -- a generation task with max_tokens 500, not a short answer
# source: zcsabbagh/cs293-mathfish generate_synthetic.py:73
# source: zcsabbagh/cs293-mathfish generate_synthetic.py:88
# source: zcsabbagh/cs293-mathfish generate_synthetic.py:115
# source: zcsabbagh/cs293-mathfish generate_synthetic.py:75
import json
import random
import time
from concurrent.futures import ThreadPoolExecutor

from anthropic import Anthropic

WORKERS = 50
WRITER = "You write new practice puzzles that need the same skills as the example. Output only the puzzle."


def new_puzzle(api, row):
    for n in range(5):  # expect: naive-retry
        try:
            reply = api.messages.create(  # expect: batchable-fanout
                model="claude-opus-4-6",
                max_tokens=500,
                temperature=0.9,
                system=WRITER,
                messages=[{"role": "user", "content": f"Skills: {row['skills']}\n\nExample:\n{row['puzzle']}"}],
            )
            return reply.content[0].text.strip()
        except Exception as exc:
            if n == 4:
                return None
            pause = 2**n
            if "rate" in str(exc).lower() or "429" in str(exc):  # expect: string-matched-error
                pause = max(pause, 10)
            time.sleep(pause)
    return None


def main():
    api = Anthropic()
    rows = [json.loads(line) for line in open("puzzles_train.jsonl")]
    picked = random.sample(rows, min(1200, len(rows)))
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        made = list(pool.map(lambda r: new_puzzle(api, r), picked))  # expect: unbounded-fanout
    with open("puzzles_augmented.jsonl", "w") as out:
        for row, text in zip(picked, made):
            if text:
                out.write(json.dumps({"puzzle": text, "skills": row["skills"]}) + "\n")


if __name__ == "__main__":
    main()
