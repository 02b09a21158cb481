# realworld repro (positive + negative): batchable-fanout -- an offline judge script samples files from a results JSON,
# asks the imported raw-HTTP helper (summary_judge_http_backoff.py, which retries by itself) to rate each file's
# summaries, once or twice per file, in a plain for loop, and writes every rating to a JSON file from the same
# function; sequential, the model set in the helper's settings, no system prompt, the handler only records the error
# (look-alikes)
# source: jbcallv/codestellation research/llm_judge/llm_judge.py:24
# source: jbcallv/codestellation research/llm_judge/llm_judge.py:131
# source: jbcallv/codestellation research/llm_judge/llm_judge.py:168
# (run from `main()` under `__main__`, as the original is)
import json
import random
import re
import sys

from summary_judge_http_backoff import post_with_backoff


def rate_summary(source_text, summary):
    prompt = (
        "Rate the summary of this file on accuracy, brevity and clarity, each from 1 to 5 written as X/5.\n\n"
        f"# File: {source_text}\n# Summary: {summary}"
    )
    reply = post_with_backoff([{"role": "user", "content": prompt}])  # expect: batchable-fanout; expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt, retries-disabled, hardcoded-api-key
    found = re.findall(r"(\d)/5", reply)
    return {"scores": [int(x) for x in found[:3]], "raw": reply}


def judge_sample(results_path, how_many, out_path):
    with open(results_path) as fh:
        summaries = json.load(fh)["file_summaries"]
    picked = random.sample(list(summaries), min(how_many, len(summaries)))
    rows = []
    for index, path in enumerate(picked):  # expect-not: unbounded-fanout
        print(f"judging {index + 1}/{len(picked)}: {path}")
        try:
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
            own_doc = text.split("*/")[0] if text.startswith("/**") else None
            row = {"path": path}
            if own_doc:
                row["human"] = rate_summary(text, own_doc)
            row["ai"] = rate_summary(text, summaries[path])
            rows.append(row)
        except Exception as exc:  # expect-not: string-matched-error
            rows.append({"path": path, "error": str(exc)})
    with open(out_path, "w") as fh:
        json.dump(rows, fh, indent=2)
    return rows


def main():
    if len(sys.argv) != 4:
        print("usage: summary_judge_sampled_files.py <results.json> <how-many> <out.json>")
        return
    judge_sample(sys.argv[1], int(sys.argv[2]), sys.argv[3])


if __name__ == "__main__":
    main()
