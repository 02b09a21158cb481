# realworld repro (positive + negative): batchable-fanout -- an offline evaluation CLI awaits a same-file async judge
# several times per sampled sentence (one rubric each); the judge builds a client and sends one Sonnet create, and
# every score is written to a spreadsheet at the end; look-alikes: 1024-token JSON verdicts (not classification-sized),
# an empty api_key string, and awaits made one at a time (no gather)
# source: PabS729/logi2dial eval_claude.py:26
# source: PabS729/logi2dial eval_claude.py:24
# source: PabS729/logi2dial eval_claude.py:91
import argparse
import asyncio
import json

import anthropic
import pandas as pd

RUBRICS = {
    "clarity": "Rate how clear the reply is to: {claim}\nDialogue: {talk}\nAnswer as JSON with keys ans and reason.",
    "fairness": "Rate how fair the reply is to: {claim}\nDialogue: {talk}\nAnswer as JSON with keys ans and reason.",
    "depth": "Rate how deep the reply is to: {claim}\nDialogue: {talk}\nAnswer as JSON with keys ans and reason.",
}


async def judge(claim, talk, rubric):
    text = rubric.format(claim=claim, talk=talk)
    api = anthropic.Anthropic(
        api_key="",  # expect-not: hardcoded-api-key
    )
    verdict = api.messages.create(  # expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
        model="claude-3-5-sonnet-20241022",
        max_tokens=1024,
        messages=[{"role": "user", "content": text}],
    )
    return verdict


async def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--claims", default="claims.csv")
    ap.add_argument("--talks", default="talks.xlsx")
    ap.add_argument("--out", default="scores.xlsx")
    opts = ap.parse_args()
    claims = pd.read_csv(opts.claims)["claim"].tolist()
    talks = pd.read_excel(opts.talks)["talk"].tolist()
    rows = []
    for k in range(len(claims)):
        row = {"claim": claims[k]}
        for name, rubric in RUBRICS.items():
            res = await judge(claims[k], talks[k], rubric)  # expect-not: unbounded-fanout
            parsed = json.loads(res.content[0].text)
            row[name] = parsed["ans"]
            row[name + "_why"] = parsed["reason"]
        rows.append(row)
    pd.DataFrame(rows).to_excel(opts.out, index=False)


if __name__ == "__main__":
    asyncio.run(main())
