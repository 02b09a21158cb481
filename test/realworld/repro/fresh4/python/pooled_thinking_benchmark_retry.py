# realworld repro (positive + negative): naive-retry -- `while not answer:` around a helper that calls
# messages.create, any Exception sleeps a fixed 2 s and re-sends (up to five tries); batchable-fanout -- an offline
# benchmark that sends one create per question (thinking and plain branches) two local calls below main's pool and
# appends each answer to a JSONL file; unbounded-fanout look-alike -- ProcessPoolExecutor sized by a CLI argument
# source: XuZhao0/tts-knowledge claude_generate.py:72
# source: XuZhao0/tts-knowledge claude_generate.py:21
# source: XuZhao0/tts-knowledge claude_generate.py:42
# source: XuZhao0/tts-knowledge claude_generate.py:121
import argparse
import concurrent.futures
import json
import time

import anthropic


def ask(question, args):
    client = anthropic.Anthropic(api_key=args.key)
    if args.budget > 0:
        reply = client.messages.create(  # expect: batchable-fanout
            model=args.model,
            max_tokens=12000,
            thinking={"type": "enabled", "budget_tokens": args.budget},
            messages=[{"role": "user", "content": question}],
        )
    else:
        reply = client.messages.create(  # expect: batchable-fanout
            model=args.model,
            max_tokens=12000,
            messages=[{"role": "user", "content": question}],
        )
    return "".join(b.text for b in reply.content if b.type == "text"), reply


def solve(item, args, tries=5):
    answer = None
    failures = 0
    while not answer:  # expect: naive-retry
        try:
            answer, reply = ask("Answer briefly, then give 'Answer:' on its own line.\n" + item["question"], args)
        except Exception as exc:
            failures += 1
            print(f"retry {failures}/{tries} for {item['id']}: {exc}")
            if failures >= tries:
                raise
            time.sleep(2)
    item["answer"] = answer
    item["output_tokens"] = reply.usage.output_tokens
    return item


def main(args):
    with open(args.input) as f:
        items = [json.loads(line) for line in f]
    with concurrent.futures.ProcessPoolExecutor(max_workers=args.workers) as pool:
        futures = [pool.submit(solve, item, args) for item in items]  # expect-not: unbounded-fanout
        with open(args.output, "a") as out:
            for future in concurrent.futures.as_completed(futures):
                out.write(json.dumps(future.result()) + "\n")


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--input", default="questions.jsonl")
    p.add_argument("--output", default="answers.jsonl")
    p.add_argument("--model", default="claude-sonnet-4-5")
    p.add_argument("--key", required=True)
    p.add_argument("--budget", type=int, default=2048)
    p.add_argument("--workers", type=int, default=2)
    main(p.parse_args())
