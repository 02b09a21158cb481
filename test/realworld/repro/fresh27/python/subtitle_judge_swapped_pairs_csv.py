# realworld repro (positive + negative): batchable-fanout -- an offline judge script reads two models' answers per
# test case and grades each pair twice (order swapped) through a same-file helper that sends one Sonnet 4.6 create
# (top-level constant, max_tokens 1024, rubric formatted into the user message, no system prompt); the scores go
# into rows written to a CSV after the loop; look-alikes: the per-case handler prints and moves on (no retry), the
# loop is sequential with a one-second pause, 1024 tokens is above the classification bound
# source: tnfhrnsss/docentai-benchmark scripts/claude_judge.py:109
# source: tnfhrnsss/docentai-benchmark scripts/claude_judge.py:198
# source: tnfhrnsss/docentai-benchmark scripts/claude_judge.py:215
# source: tnfhrnsss/docentai-benchmark scripts/claude_judge.py:176
import csv
import json
import sys
import time

import anthropic

GRADER = "claude-sonnet-4-6"

RUBRIC = """You grade two explanations of the same film subtitle.
Subtitle: {line}
Explanation A:
{first}
Explanation B:
{second}
Score each from 0 to 10 for accuracy and context. Answer with JSON only:
{{"A": <int>, "B": <int>, "why": "<one sentence>"}}"""


def grade_pair(client, case, first, second):
    reply = client.messages.create(  # expect: batchable-fanout; expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt
        model=GRADER,
        max_tokens=1024,
        messages=[{"role": "user", "content": RUBRIC.format(line=case["line"], first=first, second=second)}],
    )
    return json.loads(reply.content[0].text)


def grade_case(client, case, left, right):
    forward = grade_pair(client, case, left, right)
    time.sleep(1)
    backward = grade_pair(client, case, right, left)
    return {"left": (forward["A"] + backward["B"]) / 2, "right": (forward["B"] + backward["A"]) / 2}


def main(answers_path, out_path):
    client = anthropic.Anthropic()  # expect-not: retries-disabled, hardcoded-api-key
    cases = json.load(open(answers_path, encoding="utf-8"))
    rows = []
    for case in cases:  # expect-not: unbounded-fanout
        try:
            scores = grade_case(client, case, case["left_answer"], case["right_answer"])
        except Exception as err:  # expect-not: naive-retry, string-matched-error
            print(f"{case['id']}: {err}")
            continue
        rows.append({"id": case["id"], **scores})
        time.sleep(1)
    with open(out_path, "w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=["id", "left", "right"])
        writer.writeheader()
        writer.writerows(rows)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
