# realworld repro (positive + negative): naive-retry, batchable-fanout -- an offline argparse script grades every
# not-yet-graded answer from a JSONL file; the top-level loop calls a same-file grader that calls a same-file
# sender, which retries the create on RateLimitError / APIStatusError / connection errors after a doubling wait
# capped at 30 s plus a little jitter (retry-after never read, the client keeps the SDK's retries); each verdict is
# appended to another JSONL file; look-alikes: the grader's second attempt only re-asks when the verdict does not
# parse, the model comes from a config file, and there is no system prompt
# source: PranavKasetty/secret-loyalties-audit scripts/judge.py:136
# source: PranavKasetty/secret-loyalties-audit scripts/judge.py:138
# source: PranavKasetty/secret-loyalties-audit scripts/judge.py:94
# source: PranavKasetty/secret-loyalties-audit scripts/judge.py:186
# source: PranavKasetty/secret-loyalties-audit scripts/judge.py:47
import argparse
import json
import random
import time

import anthropic

SETTINGS = json.load(open("grading.json"))
CAP = 1500


def send(api, text, tries=5):
    for n in range(tries):  # expect: naive-retry
        try:
            out = api.messages.create(  # expect: batchable-fanout
                model=SETTINGS["grader_model"],
                max_tokens=CAP,
                messages=[{"role": "user", "content": text}],
            )
            return out.content[0].text
        except (anthropic.RateLimitError, anthropic.APIStatusError, anthropic.APIConnectionError):  # expect-not: string-matched-error
            if n == tries - 1:
                raise
            time.sleep(min(2**n, 30) + random.uniform(0, 1))
    raise RuntimeError("no answer")


def grade(api, guide, answer):
    text = f"{guide}\n\nANSWER:\n{answer}"
    last = ""
    for n in range(2):  # expect-not: naive-retry
        last = send(api, text)
        try:
            return json.loads(last), last
        except ValueError:
            pass
    return {"pass": None}, last


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("answers")
    ap.add_argument("out")
    args = ap.parse_args()
    guide = open("guide.txt", encoding="utf-8").read()
    api = anthropic.Anthropic()  # expect-not: retries-disabled, hardcoded-api-key
    rows = [json.loads(line) for line in open(args.answers, encoding="utf-8")]
    with open(args.out, "a", encoding="utf-8") as sink:
        for row in rows:  # expect-not: unbounded-fanout
            verdict, raw = grade(api, guide, row["answer"])
            sink.write(json.dumps({"id": row["id"], "verdict": verdict, "raw": raw}) + "\n")


if __name__ == "__main__":
    main()
