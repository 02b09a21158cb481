# realworld repro (positive + negative): naive-retry, model-routing and batchable-fanout -- a sentiment
# script submits one Opus call (max_tokens 10) per CSV row to a pool sized from the environment; the
# per-row helper retries RateLimitError, API errors and anything else with its own doubling waits (no
# retry-after); the labels go back into the frame and out with to_csv
# source: aneeshks/Multi-Domain-Sentiment-Benchmark run_claude.py:78
# source: aneeshks/Multi-Domain-Sentiment-Benchmark run_claude.py:80
# source: aneeshks/Multi-Domain-Sentiment-Benchmark run_claude.py:144
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed

import anthropic
import pandas as pd

POOL = int(os.getenv("POOL", "5"))
TRIES = 5
client = anthropic.Anthropic()


def label(sentence):
    for n in range(TRIES):  # expect: naive-retry
        try:
            reply = client.messages.create(  # expect: model-routing, batchable-fanout
                model="claude-opus-4-5",
                max_tokens=10,
                system="Answer with one word: positive, negative or neutral.",
                messages=[{"role": "user", "content": sentence}],
            )
            return reply.content[0].text.strip().lower()
        except anthropic.RateLimitError:
            time.sleep(2 ** (n + 2))
        except anthropic.APIStatusError:
            time.sleep(2**n)
        except Exception:
            time.sleep(2**n)
    return "error"


def run(path):
    frame = pd.read_csv(path, dtype=str).fillna("")
    todo = frame.index[frame["pred"] == ""].tolist()
    lock = threading.Lock()

    def work(i):
        value = label(frame.at[i, "sentence"])
        with lock:
            frame.at[i, "pred"] = value

    with ThreadPoolExecutor(max_workers=POOL) as pool:
        jobs = [pool.submit(work, i) for i in todo]  # expect-not: unbounded-fanout
        for job in as_completed(jobs):
            job.result()
    frame.to_csv(path, index=False)


def main():
    for name in os.getenv("SETS", "fpb,sst2").split(","):
        run(f"data/{name}.csv")


if __name__ == "__main__":
    main()
