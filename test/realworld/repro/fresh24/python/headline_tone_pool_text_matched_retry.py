# realworld repro (positive + negative): naive-retry, string-matched-error and batchable-fanout -- an offline
# argparse CLI labels the tone of every headline: a thread pool (argparse default 4 workers) runs a per-row
# function that tries six times around a same-file call sending the Claude create, and on any exception tests the
# error text for "429" / "rate_limit" to pick a long wait (20 s plus 10 s per try) or else 2^n s, never reading
# retry-after; the labels are appended to a CSV; the provider and model come from the command line and a
# top-level dict; look-alikes: the pool is small by default, the system prompt is short, max_tokens 200 is given,
# the key comes from the environment and a placeholder appears only in the docstring
# source: likeramm/econ-framing-bias scripts/llm_label.py:247
# source: likeramm/econ-framing-bias scripts/llm_label.py:253
# source: likeramm/econ-framing-bias scripts/llm_label.py:203
# source: likeramm/econ-framing-bias scripts/llm_label.py:502
# source: likeramm/econ-framing-bias scripts/llm_label.py:176
"""Headline tone labeller.

    ANTHROPIC_API_KEY=sk-ant-... python label_tones.py --provider anthropic
"""
import argparse
import json
import os
import time
from concurrent.futures import ThreadPoolExecutor, as_completed

import pandas as pd

MODELS = {"openai": "gpt-4.1-mini", "anthropic": "claude-sonnet-5"}
TONE_SYSTEM = """Label the tone of a news headline as upbeat, flat or gloomy.
Judge the wording, not the event. Reply with JSON only:
{"tone": "upbeat|flat|gloomy", "why": "<one short sentence>"}"""


def make_client(provider):
    key = os.environ["ANTHROPIC_API_KEY" if provider == "anthropic" else "OPENAI_API_KEY"]
    if provider == "openai":
        from openai import OpenAI
        return OpenAI(api_key=key)
    import anthropic
    return anthropic.Anthropic(api_key=key)  # expect-not: retries-disabled, hardcoded-api-key


def ask(client, provider, model, headline):
    if provider == "openai":
        r = client.chat.completions.create(model=model, max_tokens=200, messages=[
            {"role": "system", "content": TONE_SYSTEM}, {"role": "user", "content": headline}])
        return r.choices[0].message.content
    r = client.messages.create(  # expect: batchable-fanout; expect-not: uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
        model=model, max_tokens=200, temperature=0,
        system=TONE_SYSTEM,
        messages=[{"role": "user", "content": headline}],
    )
    return r.content[0].text


def label_row(client, provider, model, row):
    err = None
    for n in range(6):  # expect: naive-retry
        try:
            out = json.loads(ask(client, provider, model, row["headline"]))
            return {"id": row["id"], "tone": out["tone"], "why": out.get("why", "")}
        except Exception as e:
            err = e
            text = str(e)
            if "429" in text or "rate_limit" in text.lower():  # expect: string-matched-error
                time.sleep(20 + 10 * n)
            else:
                time.sleep(2 ** n)
    return {"id": row["id"], "error": str(err)[:200]}


def main():
    cli = argparse.ArgumentParser()
    cli.add_argument("--provider", choices=["openai", "anthropic"], default="openai")
    cli.add_argument("--model")
    cli.add_argument("--workers", type=int, default=4)
    cli.add_argument("--out", default="tones.csv")
    a = cli.parse_args()
    model = a.model or MODELS[a.provider]
    client = make_client(a.provider)
    rows = [r for _, r in pd.read_csv("headlines.csv").iterrows()]
    done = []
    with ThreadPoolExecutor(max_workers=a.workers) as pool:
        futs = [pool.submit(label_row, client, a.provider, model, r) for r in rows]  # expect-not: unbounded-fanout
        for fut in as_completed(futs):
            done.append(fut.result())
    pd.DataFrame(done).to_csv(a.out, index=False)


if __name__ == "__main__":
    main()
