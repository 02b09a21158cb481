# realworld repro (positive + negative): string-matched-error, naive-retry, batchable-fanout -- a judging script's main
# loops over a few hundred sampled rows (a one-second pause each) and a same-file helper sends one Haiku create per
# row inside a three-attempt while loop; its catch-all handler decides that the error is a rate limit by finding
# "429" (or "503" / "overloaded") in str(e), sleeps 5, then 10 seconds and tries again without reading retry-after;
# a reply that fails to parse is re-asked once at once; every verdict is appended to a JSONL file; look-alikes: the
# model is already Haiku, the key comes from a local JSON file, and the loop is sequential
# source: doyouwantsometea/dialog_completion judge_claude.py:155
# source: doyouwantsometea/dialog_completion judge_claude.py:133
# source: doyouwantsometea/dialog_completion judge_claude.py:136
# source: doyouwantsometea/dialog_completion judge_claude.py:188
import json
import os
import random
import time

from anthropic import Anthropic

with open("secrets.json") as fh:
    KEY = json.load(fh)["claude"]
JUDGE = "claude-haiku-4-5-20251001"
OUT = "verdicts/judge.jsonl"


def build(row):
    picks = [row["first"], row["second"]]
    random.shuffle(picks)
    return (
        "Which reply continues the conversation better? Answer with JSON "
        '{"better": "A" or "B", "why": "..."}.\n\n'
        f"Conversation:\n{row['context']}\n\n[A]: {picks[0]}\n[B]: {picks[1]}"
    )


def judge(client, row):
    tries = 0
    while tries < 3:  # expect: naive-retry
        try:
            reply = client.messages.create(  # expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
                model=JUDGE,
                max_tokens=300,
                messages=[{"role": "user", "content": build(row)}],
            )
            verdict = json.loads(reply.content[0].text.strip())
            return {"id": row["id"], "better": verdict["better"]}
        except Exception as err:
            text = str(err)
            if "429" in text or "503" in text or "overloaded" in text.lower():  # expect: string-matched-error
                time.sleep(5 * (tries + 1))
                tries += 1
            elif "Expecting" in text:
                if tries == 0:
                    tries += 1
                    continue
                return {"id": row["id"], "error": text}
            else:
                return {"id": row["id"], "error": text}
    return {"id": row["id"], "error": "out of tries"}


def main():
    with open("sampled_rows.json") as fh:
        rows = json.load(fh)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    client = Anthropic(api_key=KEY)  # expect-not: retries-disabled, hardcoded-api-key
    for row in rows:  # expect-not: unbounded-fanout
        time.sleep(1)
        result = judge(client, row)
        with open(OUT, "a") as fh:
            fh.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
