# realworld repro (positive + negative): naive-retry -- an evaluation script's opt-in sequential mode sends one
# create per article through a helper whose for loop catches RateLimitError only and waits a linear 15 s, 30 s
# before going round again, never reading retry-after, on a default client; other API errors give up at once;
# look-alikes: the default mode submits every article as one Message Batch (batchable-fanout stays quiet for the
# opt-in sequential path), class-based handlers, a short constant system prompt, a Haiku constant by default
# source: darthcoder/ner-paper scripts/eval_claude.py:297
# source: darthcoder/ner-paper scripts/eval_claude.py:299
# source: darthcoder/ner-paper scripts/eval_claude.py:307
# source: darthcoder/ner-paper scripts/eval_claude.py:246
# source: darthcoder/ner-paper scripts/eval_claude.py:366
import argparse
import json
import time

import anthropic

INSTRUCTIONS = (
    "Each [MASK:TYPE] marker in the passage hides a name. List your guess for every marker, in order, "
    'as JSON: {"guesses": ["..."]}. Short names only.'
)
DEFAULT_MODEL = "claude-haiku-4-5"
PACE = 2.5
ATTEMPTS = 3
BACKOFF_STEP = 15
POLL = 30


def ask_one(client: anthropic.Anthropic, model: str, passage: str, count: int) -> list[str]:
    for attempt in range(ATTEMPTS):  # expect: naive-retry
        try:
            reply = client.messages.create(  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
                model=model,
                max_tokens=512,
                system=INSTRUCTIONS,
                messages=[{"role": "user", "content": passage}],
            )
            text = "".join(b.text for b in reply.content if b.type == "text")
            return json.loads(text).get("guesses", [""] * count)
        except anthropic.RateLimitError:  # expect-not: string-matched-error
            if attempt < ATTEMPTS - 1:
                time.sleep(BACKOFF_STEP * (attempt + 1))
            else:
                return [""] * count
        except (anthropic.APIStatusError, anthropic.APIConnectionError):
            return [""] * count
    return [""] * count


def run_sequential(client: anthropic.Anthropic, items: list[dict], model: str) -> dict:
    answers = {}
    for n, item in enumerate(items):
        answers[item["id"]] = ask_one(client, model, item["text"], item["count"])
        if n < len(items) - 1:
            time.sleep(PACE)
    return answers


def run_batched(client: anthropic.Anthropic, items: list[dict], model: str) -> dict:
    requests = [
        {
            "custom_id": item["id"],
            "params": {
                "model": model,
                "max_tokens": 512,
                "system": INSTRUCTIONS,
                "messages": [{"role": "user", "content": item["text"]}],
            },
        }
        for item in items
    ]
    job = client.messages.batches.create(requests=requests)  # expect-not: missing-max-tokens
    while client.messages.batches.retrieve(job.id).processing_status != "ended":
        time.sleep(POLL)
    answers = {}
    for row in client.messages.batches.results(job.id):
        if row.result.type == "succeeded":
            text = "".join(b.text for b in row.result.message.content if b.type == "text")
            answers[row.custom_id] = json.loads(text).get("guesses", [])
    return answers


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="items.jsonl")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--sequential", action="store_true")
    args = parser.parse_args()
    client = anthropic.Anthropic()  # expect-not: retries-disabled, hardcoded-api-key
    with open(args.data) as fh:
        items = [json.loads(line) for line in fh]
    answers = run_sequential(client, items, args.model) if args.sequential else run_batched(client, items, args.model)
    with open("answers.json", "w") as fh:
        json.dump(answers, fh)


if __name__ == "__main__":
    main()
