# realworld repro (positive + negative): naive-retry -- five tries on RateLimitError/InternalServerError with a
# doubling pause, retry-after never read; batchable-fanout -- every question is sent once per simulated date and
# each trace saved to JSON; unbounded-fanout look-alike -- a pool of twelve over the literal range(1, 13)
# source: shreyshahi/is-claude-european gsm8k_test/evaluate_claude.py:15
# source: shreyshahi/is-claude-european gsm8k_test/evaluate_claude.py:17
# source: shreyshahi/is-claude-european gsm8k_test/evaluate_claude.py:104
# source: shreyshahi/is-claude-european long_coding_test/evaluate_claude.py:13
# source: shreyshahi/is-claude-european long_coding_test/evaluate_claude.py:15
import concurrent.futures
import json
import time

import anthropic

api = anthropic.Anthropic()


def ask(question, month):
    for n in range(5):  # expect: naive-retry
        try:
            reply = api.messages.create(  # expect: batchable-fanout
                model="claude-3-5-sonnet-20240620",
                max_tokens=1024,
                system=f"Answer carefully. Today is 2024-{month:02d}-10.",
                messages=[{"role": "user", "content": question}],
            )
            return reply.content[0].text
        except (anthropic.RateLimitError, anthropic.InternalServerError):
            if n == 4:
                raise
            time.sleep(2**n)


def run_month(month, questions):
    traces = []
    for q in questions:
        traces.append({"q": q, "a": ask(q, month)})
        with open(f"traces/m{month:02d}.json", "w") as fh:
            json.dump(traces, fh)
    return len(traces)


def main():
    questions = [json.loads(line)["question"] for line in open("word_problems.jsonl")]
    with concurrent.futures.ThreadPoolExecutor(max_workers=12) as pool:
        jobs = {pool.submit(run_month, m, questions): m for m in range(1, 13)}  # expect-not: unbounded-fanout
        for job in concurrent.futures.as_completed(jobs):
            print(jobs[job], job.result())


if __name__ == "__main__":
    main()
