# realworld repro (positive + negative): naive-retry, model-routing, batchable-fanout -- an offline judge script
# walks every example of a JSON file and calls a same-file helper whose for loop of three attempts catches any
# exception around a Sonnet 4.6 create at max_tokens=64 and sleeps 1 s then 2 s; the verdict (A, B or tie) of
# each example is collected and the whole list written to a JSON file; module client with default settings
# source: turainXW/assignment5-alignment scripts/claude_judge.py:80
# source: turainXW/assignment5-alignment scripts/claude_judge.py:82
# source: turainXW/assignment5-alignment scripts/claude_judge.py:88
# source: turainXW/assignment5-alignment scripts/claude_judge.py:134
import json
import sys
import time

import anthropic

judge = anthropic.Anthropic()  # expect-not: retries-disabled, hardcoded-api-key
JUDGE_MODEL = "claude-sonnet-4-6"

TEMPLATE = """Which answer follows the request better?

Request: {request}
Answer A: {first}
Answer B: {second}

Reply with only A, B or tie."""


def verdict(prompt: str, tries: int = 3) -> str:
    for n in range(tries):  # expect: naive-retry
        try:
            reply = judge.messages.create(  # expect: model-routing, batchable-fanout; expect-not: missing-max-tokens, nonstreaming-max-tokens, uncached-prompt
                model=JUDGE_MODEL,
                max_tokens=64,
                messages=[{"role": "user", "content": prompt}],
            )
            return reply.content[0].text.strip()
        except Exception as exc:  # expect-not: string-matched-error
            if n < tries - 1:
                pause = 2**n
                print(f"retry {n + 1}: {exc}; sleeping {pause}s")
                time.sleep(pause)
            else:
                raise


def judge_file(pairs_path: str, out_path: str) -> None:
    with open(pairs_path) as fh:
        pairs = json.load(fh)
    rows = []
    for pair in pairs:  # expect-not: unbounded-fanout
        said = verdict(TEMPLATE.format(request=pair["request"], first=pair["reference"], second=pair["candidate"]))
        rows.append({"request": pair["request"], "verdict": said})
    with open(out_path, "w") as fh:
        json.dump(rows, fh, indent=2)


if __name__ == "__main__":
    judge_file(sys.argv[1], sys.argv[2])
