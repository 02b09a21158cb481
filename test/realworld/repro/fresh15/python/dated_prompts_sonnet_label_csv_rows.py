# realworld repro (positive + negative): batchable-fanout -- an offline script's main opens a CSV in append mode and
# loops over a JSON dict of dated prompts; each prompt gets one Sonnet create (2,048 tokens, empty system string) whose
# reply is parsed into a sentiment score and written as a CSV row; look-alikes: the placeholder key, the empty system
# prompt, the large max_tokens of a label answer (above 256) and the sequential loop
# source: JunyiYe/MarginTraderLLM inference_claude.py:75
# source: JunyiYe/MarginTraderLLM inference_claude.py:19
# source: JunyiYe/MarginTraderLLM inference_claude.py:63
import csv
import json
import re

import anthropic

SOURCE = "./prompts/headlines.json"
claude = anthropic.Anthropic(
    api_key="put-your-key-here",  # expect-not: hardcoded-api-key
)
SCORES = {"up": 1, "flat": 0, "down": -1}


def score_of(text):
    found = re.search(r"\b(up|flat|down)\b", text, re.IGNORECASE)
    return SCORES.get(found.group(1).lower()) if found else None


def main():
    with open(SOURCE) as fh:
        by_day = json.load(fh)
    with open("./out/headline_scores.csv", "a", newline="") as out:
        rows = csv.DictWriter(out, fieldnames=["day", "reply", "score"])
        if out.tell() == 0:
            rows.writeheader()
        for day, prompt in by_day.items():  # expect-not: unbounded-fanout, naive-retry
            prompt = prompt.replace("Answer: up, flat, down", "Answer: down, up, flat")
            reply = claude.messages.create(  # expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
                model="claude-3-5-sonnet-20240620",
                max_tokens=2048,
                temperature=0.0,
                system="",
                messages=[{"role": "user", "content": prompt}],
            )
            text = reply.content[0].text
            rows.writerow({"day": day, "reply": text, "score": score_of(text)})
            out.flush()


if __name__ == "__main__":
    main()
