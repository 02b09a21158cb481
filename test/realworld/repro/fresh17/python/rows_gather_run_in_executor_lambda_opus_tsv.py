# realworld repro (positive): batchable-fanout -- an offline benchmark run with asyncio.run reads one TSV per language,
# gathers one task per row, and each task sends one Opus 3 create inside a lambda handed to run_in_executor on a
# shared thread pool (here also held under a semaphore of 4, so only the batch advice applies); each answer goes into
# the row's cell and the whole frame is written back to a TSV per language
# source: emma0925/African_LLM_Benchmark cohere_and_claude/async/async_mgsm.py:55
import asyncio
import glob
from concurrent.futures import ThreadPoolExecutor

import pandas as pd
from anthropic import Anthropic

client = Anthropic()  # expect-not: retries-disabled, hardcoded-api-key
gate = asyncio.Semaphore(4)


async def answer_row(frame, idx, row, pool):
    turn = [{"role": "user", "content": "Reply with the number only.\n" + str(row["problem"])}]
    loop = asyncio.get_running_loop()
    async with gate:
        reply = await loop.run_in_executor(
            pool,
            lambda: client.messages.create(  # expect: batchable-fanout; expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt
                model="claude-3-opus-20240229",
                max_tokens=800,
                temperature=0,
                messages=turn,
            ),
        )
    frame.at[idx, "answer"] = reply.content[0].text


async def answer_file(path, pool):
    lang = path.split("/")[-2]
    frame = pd.read_csv(path, sep="\t")
    frame["answer"] = ""
    await asyncio.gather(*[answer_row(frame, idx, row, pool) for idx, row in frame.iterrows()])
    frame.to_csv(f"answers/{lang}.tsv", sep="\t", index=False)


async def main():
    pool = ThreadPoolExecutor(max_workers=4)
    for path in glob.glob("data/*/test.tsv"):
        await answer_file(path, pool)
    pool.shutdown()


if __name__ == "__main__":
    asyncio.run(main())
