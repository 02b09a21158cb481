# realworld repro (positive + negative): batchable-fanout -- a command-line tool fills a new CSV column with one
# create per row through a same-file disk-cached helper: in sequential mode the loop stores each answer in the
# dataframe and rewrites the CSV right after the call; look-alikes: the process pool is sized by a --workers
# option (not one worker per row), handlers store the error text in the column and move on, model and max_tokens
# come from the command line, the system prompt is an argument, each client keeps the SDK's retries
# source: ttulttul/csv-to-llm csv-to-llm.py:25
# source: ttulttul/csv-to-llm csv-to-llm.py:250
# source: ttulttul/csv-to-llm csv-to-llm.py:64
# source: ttulttul/csv-to-llm csv-to-llm.py:145
import argparse
import concurrent.futures
import os

import anthropic
import pandas as pd
from joblib import Memory

store = Memory("./answer_cache", verbose=0)


@store.cache(ignore=["client"])
def ask_cached(client, model, limit, system, text):
    msg = client.messages.create(  # expect: batchable-fanout; expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt, naive-retry, string-matched-error
        model=model,
        max_tokens=limit,
        system=system,
        messages=[{"role": "user", "content": [{"type": "text", "text": text}]}],
    )
    return msg.content[0].text if msg.content else ""


def one_row(job):
    idx, text, model, limit, system = job
    client = anthropic.Anthropic(api_key=os.getenv("ANTHROPIC_API_KEY"))  # expect-not: retries-disabled, hardcoded-api-key
    try:
        return idx, ask_cached(client, model, limit, system, text), None
    except Exception as err:
        return idx, None, str(err)


def fill_column(src, dst, template, column, system, model, limit, workers):
    frame = pd.read_csv(src)
    if column not in frame.columns:
        frame[column] = pd.NA
    jobs = [
        (idx, template.format(**frame.loc[idx].to_dict()), model, limit, system)
        for idx in frame[frame[column].isna()].index
    ]
    if workers > 1:
        with concurrent.futures.ProcessPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(one_row, job) for job in jobs]  # expect-not: unbounded-fanout
            for fut in concurrent.futures.as_completed(futures):
                idx, answer, error = fut.result()
                frame.at[idx, column] = answer if error is None else f"ERROR: {error}"
        frame.to_csv(dst, index=False)
        return
    client = anthropic.Anthropic(api_key=os.getenv("ANTHROPIC_API_KEY"))  # expect-not: retries-disabled, hardcoded-api-key
    for idx, text, _, _, _ in jobs:
        try:
            frame.at[idx, column] = ask_cached(client, model, limit, system, text)
        except Exception as err:
            frame.at[idx, column] = f"ERROR: {err}"
        frame.to_csv(dst, index=False)


if __name__ == "__main__":
    cli = argparse.ArgumentParser()
    cli.add_argument("--src", required=True)
    cli.add_argument("--dst", required=True)
    cli.add_argument("--template", required=True)
    cli.add_argument("--column", required=True)
    cli.add_argument("--system", default="Answer briefly.")
    cli.add_argument("--model", default="claude-3-7-sonnet-20250219")
    cli.add_argument("--limit", type=int, default=1000)
    cli.add_argument("--workers", type=int, default=1)
    a = cli.parse_args()
    fill_column(a.src, a.dst, a.template, a.column, a.system, a.model, a.limit, a.workers)
