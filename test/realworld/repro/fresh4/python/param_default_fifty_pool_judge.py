# realworld repro (positive): unbounded-fanout -- ThreadPoolExecutor(max_workers=workers).map over every
# generated record, one Claude call each, with the parameter defaulting to 50 (far past the Start tier's burst);
# batchable-fanout -- an offline judge CLI whose per-record call is reached through functools.partial and the pool,
# all verdicts written to a JSONL file at the end
# source: seoirsem/ant-hackathon-chunky-posttraining scripts/judge.py:110
# source: seoirsem/ant-hackathon-chunky-posttraining scripts/judge.py:45
import json
import sys
from concurrent.futures import ThreadPoolExecutor
from functools import partial

from anthropic import Anthropic

RUBRIC = "Say whether the text is formal and whether it mentions a place. Reply as [True, False]."
client = Anthropic()


def judge_text(rubric, text):
    reply = client.messages.create(  # expect: batchable-fanout
        model="claude-haiku-4-5",
        max_tokens=600,
        temperature=0,
        messages=[{"role": "user", "content": f"{rubric}\n\n<text>\n{text}\n</text>"}],
    )
    return reply.content[0].text


def grade(record, judge):
    try:
        verdict = judge(RUBRIC, record["text"])
    except Exception as exc:
        print(f"record {record['id']} failed: {exc}")
        return record
    record["verdict"] = verdict
    return record


def run(path, workers=50):
    with open(path) as f:
        records = [json.loads(line) for line in f]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        graded = list(pool.map(partial(grade, judge=judge_text), records))  # expect: unbounded-fanout
    with open(path.replace(".jsonl", "_graded.jsonl"), "w") as out:
        for record in graded:
            out.write(json.dumps(record) + "\n")


if __name__ == "__main__":
    run(sys.argv[1])
