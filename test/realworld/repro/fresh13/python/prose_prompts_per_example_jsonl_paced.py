# realworld repro (positive + negative): batchable-fanout -- an offline CLI loops over every prose example in a JSON
# file, a same-file helper sends one create per example (a constant system prompt of about a thousand characters,
# 200 tokens, the model from a flag defaulting to Haiku) and each answer is written to a JSONL file as it comes;
# look-alikes: the loop is paced by a fixed sleep and its handler logs, counts the failure and continues to the next
# example (no re-send), and the short constant system prompt is below any cacheable minimum
# source: enbaocao/tinker-cookbook scripts/label_with_claude.py:77
# source: enbaocao/tinker-cookbook scripts/label_with_claude.py:187
import argparse
import json
import os
import time

import anthropic

STYLE_COACH = """You write one-sentence writing prompts for a fiction workshop.
Given a short passage, describe the scene, mood or technique a student would need to aim for to write something
like it. Do not name the author, the book or the characters. Vary the opening words from one prompt to the next.
Answer with the prompt only, without quotes or any explanation."""


def prompt_for(api: anthropic.Anthropic, passage: str, heading: str, model: str) -> str:
    note = f"Passage titled {heading}:\n\n{passage}\n\nWrite the prompt."
    try:
        out = api.messages.create(  # expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
            model=model,
            max_tokens=200,
            system=STYLE_COACH,
            messages=[{"role": "user", "content": note}],
        )
        return out.content[0].text.strip().strip('"')
    except anthropic.APIError as err:
        print(f"api error: {err}")
        raise


def main() -> None:
    cli = argparse.ArgumentParser()
    cli.add_argument("source")
    cli.add_argument("target")
    cli.add_argument("--model", default="claude-haiku-4-5")
    cli.add_argument("--pause", type=float, default=0.5)
    opts = cli.parse_args()

    with open(opts.source, encoding="utf-8") as fh:
        passages = json.load(fh)

    api = anthropic.Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])
    done = failed = 0
    with open(opts.target, "w", encoding="utf-8") as sink:
        for n, item in enumerate(passages, 1):  # expect-not: naive-retry
            try:
                made = prompt_for(api, item["text"], item["heading"], opts.model)
                row = {"messages": [{"role": "user", "content": made}, {"role": "assistant", "content": item["text"]}]}
                sink.write(json.dumps(row, ensure_ascii=False) + "\n")
                done += 1
                if n < len(passages):
                    time.sleep(opts.pause)
            except Exception as err:
                print(f"skipped {n}: {err}")
                failed += 1
                continue
    print(f"{done} written, {failed} failed")


if __name__ == "__main__":
    main()
