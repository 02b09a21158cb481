# realworld repro (positive + negative): batchable-fanout and unbounded-fanout look-alike -- an offline script hands
# every training row to a method that splits the rows into chunks of four, runs a default-size ThreadPoolExecutor per
# chunk over a same-class method making one create per row (model and system from the constructor, 1024 tokens), and
# appends the results to a JSONL file after each chunk; the pool never holds more than one chunk of four requests
# source: boostcampaitech7/level2-nlp-generationfornlp-nlp-04-lv3 utils/claude_api.py:44
# source: boostcampaitech7/level2-nlp-generationfornlp-nlp-04-lv3 utils/claude_api.py:81
import csv
import json
import os
from concurrent.futures import ThreadPoolExecutor
from itertools import islice

from anthropic import Anthropic


def in_chunks(seq, size):
    it = iter(seq)
    while part := list(islice(it, size)):
        yield part


class Checker:
    def __init__(self, key, instructions, model="claude-sonnet-4-5"):
        self.instructions = instructions
        self.model = model
        self.api = Anthropic(api_key=key)

    def check(self, turns, row_id):
        try:
            res = self.api.messages.create(  # expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens, naive-retry
                model=self.model,
                system=self.instructions,
                messages=turns,
                max_tokens=1024,
                temperature=0,
            )
            text = "\n".join(b.text for b in res.content if hasattr(b, "text"))
            return {"id": row_id, "answer": text.strip()}
        except Exception as err:
            return {"id": row_id, "error": str(err)}

    def run(self, ids, turn_lists, out_path, size=4):
        for chunk_ids, chunk_turns in zip(in_chunks(ids, size), in_chunks(turn_lists, size)):
            with ThreadPoolExecutor() as pool:
                jobs = [
                    pool.submit(self.check, turns, row_id)  # expect-not: unbounded-fanout
                    for row_id, turns in zip(chunk_ids, chunk_turns)
                ]
                done = [job.result() for job in jobs]
            with open(out_path, "a", encoding="utf-8") as fh:
                for rec in done:
                    fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    with open("train.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    ids = [r["id"] for r in rows]
    turn_lists = [[{"role": "user", "content": f"{r['passage']}\n\nQ: {r['question']}"}] for r in rows]
    checker = Checker(os.getenv("CHECKER_KEY"), "Answer 1 if the passage contains the answer, else 0.")
    checker.run(ids, turn_lists, "checked.jsonl", size=4)
