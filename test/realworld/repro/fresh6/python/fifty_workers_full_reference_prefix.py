# realworld repro (positive): an offline evaluation over every test item -- naive-retry: five tries on any
# exception with a doubling pause; string-matched-error: the pause is lengthened when the error text says
# "rate" or "429"; unbounded-fanout: a pool sized by a CLI option defaulting to 50; batchable-fanout: one create
# per item, results scored and written to JSON. (The source repeats a reference catalogue read from an
# uncommitted file in front of every item: an uncached-prompt site of a size the code does not show, labelled
# ignore, so no marker here. Haiku here: the source's short Opus answer per item is an ignore site for
# model-routing, so its shape is left out.)
# source: zcsabbagh/cs293-mathfish evaluate_claude.py:142
# source: zcsabbagh/cs293-mathfish evaluate_claude.py:157
# source: zcsabbagh/cs293-mathfish evaluate_claude.py:178
# source: zcsabbagh/cs293-mathfish evaluate_claude.py:144
import argparse
import json
import time
from concurrent.futures import ThreadPoolExecutor, as_completed

from anthropic import Anthropic

GUIDE = "You tag recipes with the techniques they assume. Reply with a comma-separated list of technique codes only."


def load_catalogue(path):
    with open(path) as fh:
        rows = [json.loads(line) for line in fh]
    return "\n".join(f"{r['code']}: {r['text']}" for r in rows if r.get("kind") == "technique")


def tag(api, catalogue, recipe):
    prompt = f"All technique codes:\n\n{catalogue}\n\nRecipe:\n{recipe}\n\nTechniques assumed:"
    for n in range(5):  # expect: naive-retry
        try:
            reply = api.messages.create(  # expect: batchable-fanout
                model="claude-haiku-4-5",
                max_tokens=200,
                temperature=0,
                system=GUIDE,
                messages=[{"role": "user", "content": prompt}],
            )
            return reply.content[0].text
        except Exception as exc:
            if n == 4:
                return ""
            pause = 2**n
            if "rate" in str(exc).lower() or "429" in str(exc):  # expect: string-matched-error
                pause = max(pause, 10)
            time.sleep(pause)
    return ""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--workers", type=int, default=50)
    args = ap.parse_args()
    api = Anthropic()
    catalogue = load_catalogue("techniques.jsonl")
    recipes = [json.loads(line)["text"] for line in open("recipes_test.jsonl")]
    tags = [None] * len(recipes)
    with ThreadPoolExecutor(max_workers=args.workers) as pool:
        jobs = {pool.submit(tag, api, catalogue, r): i for i, r in enumerate(recipes)}  # expect: unbounded-fanout
        for job in as_completed(jobs):
            tags[jobs[job]] = job.result()
    with open("tags.json", "w") as fh:
        json.dump(tags, fh)


if __name__ == "__main__":
    main()
