# realworld repro (positive + negative): naive-retry, string-matched-error and batchable-fanout -- an
# evaluation script that asks for n samples per summary inside a while True whose catch-all sleeps a fixed
# 2 s when the error text says "limit" and re-sends; the samples are collected and json.dump'ed at the end;
# hardcoded-api-key look-alike -- an empty api_key string
# source: hosanagar/summeval claude_eval.py:35
# source: hosanagar/summeval claude_eval.py:54
# source: hosanagar/summeval claude_eval.py:39
# source: hosanagar/summeval claude_eval.py:9
import argparse
import json
import time

from anthropic import Anthropic

api = Anthropic(api_key="")  # expect-not: hardcoded-api-key

if __name__ == "__main__":
    cli = argparse.ArgumentParser()
    cli.add_argument("--template", required=True)
    cli.add_argument("--out", required=True)
    cli.add_argument("--data", default="data/pairs.json")
    cli.add_argument("--model", default="claude-haiku-4-5")
    opts = cli.parse_args()

    pairs = json.load(open(opts.data))
    template = open(opts.template).read()
    samples_per_pair = 10
    scored, skipped = [], 0
    for pair in pairs:
        prompt = template.replace("{{Source}}", pair["source"]).replace("{{Summary}}", pair["summary"])
        while True:  # expect: naive-retry
            try:
                votes = []
                for _ in range(samples_per_pair):
                    reply = api.messages.create(  # expect: batchable-fanout
                        model=opts.model,
                        messages=[{"role": "user", "content": prompt}],
                        temperature=1,
                        max_tokens=150,
                    )
                    time.sleep(0.5)
                    votes.append(reply.content[0].text)
                pair["votes"] = votes
                scored.append(pair)
                break
            except Exception as exc:
                print(exc)
                if "limit" in str(exc):  # expect: string-matched-error
                    time.sleep(2)
                else:
                    skipped += 1
                    if skipped > 5:
                        break

    with open(opts.out, "w") as fh:
        json.dump(scored, fh, indent=2)
