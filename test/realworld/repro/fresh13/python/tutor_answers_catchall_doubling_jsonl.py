# realworld repro (positive + negative): naive-retry, batchable-fanout -- an offline training-data generator sends
# one Sonnet create per prompt (a thousand by default) through a helper whose three-attempt loop catches every
# exception and sleeps 2**attempt before trying again, never reading retry-after; main writes each answer as a JSONL
# line and pauses 0.3 s between items; look-alikes: 512 tokens of coding advice on Sonnet, a client built with only
# the key from a command-line flag
# source: Wittlesus/pokkit-mini generate_with_claude.py:174
# source: Wittlesus/pokkit-mini generate_with_claude.py:176
# source: Wittlesus/pokkit-mini generate_with_claude.py:204
# source: Wittlesus/pokkit-mini generate_with_claude.py:226
import argparse
import json
import random
import time

import anthropic

QUESTIONS = [
    "why does my list comprehension return generators",
    "what is the difference between a tuple and a list",
    "how do i read a yaml file",
    "explain decorators with one example",
    "why is my flask route returning 405",
    "how do i reverse a linked list",
]

TUTOR_VOICE = "You are Sprout, a cheerful gardening-themed coding tutor. Answer briefly and correctly."


def ask_tutor(api, question, tries=3):
    for attempt in range(tries):  # expect: naive-retry
        try:
            reply = api.messages.create(  # expect: batchable-fanout; expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing
                model="claude-sonnet-4-5",
                max_tokens=512,
                system=TUTOR_VOICE,
                messages=[{"role": "user", "content": question}],
            )
            return reply.content[0].text.strip()
        except Exception as err:
            if attempt < tries - 1:
                time.sleep(2**attempt)
            else:
                print(f"gave up after {tries} tries: {err}")
                return None


def main():
    cli = argparse.ArgumentParser()
    cli.add_argument("--key", required=True)
    cli.add_argument("--out", default="sprout_train.jsonl")
    cli.add_argument("--count", type=int, default=1000)
    opts = cli.parse_args()

    api = anthropic.Anthropic(api_key=opts.key)  # expect-not: retries-disabled, hardcoded-api-key
    picks = [random.choice(QUESTIONS) for _ in range(opts.count)]

    with open(opts.out, "w", encoding="utf-8") as out:
        for question in picks:  # expect-not: unbounded-fanout
            answer = ask_tutor(api, question)
            if answer is None:
                continue
            out.write(json.dumps({"prompt": question, "completion": answer}) + "\n")
            time.sleep(0.3)


if __name__ == "__main__":
    main()
