# realworld repro (positive + negative): a pool sized by a parameter (not unbounded-fanout) whose
# worker retries RateLimitError after a fixed two-second pause on a client that already retries
# ten times (naive-retry)
# source: tatsu-lab/alpaca_eval src/alpaca_eval/decoders/anthropic.py:84
# source: tatsu-lab/alpaca_eval src/alpaca_eval/decoders/anthropic.py:126
import functools
import time
from concurrent.futures import ThreadPoolExecutor

import anthropic


def complete_all(prompts, workers, **options):
    helper = functools.partial(complete_one, **options)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(helper, prompts))  # expect-not: unbounded-fanout


def complete_one(prompt, key, pause=2, tries=10, endpoint="messages", **options):
    client = anthropic.Anthropic(api_key=key, max_retries=tries)
    answer = None
    for _ in range(tries):  # expect: naive-retry
        try:
            answer = getattr(client, endpoint).create(messages=prompt, max_tokens=800, **options)
            break
        except anthropic.RateLimitError:
            time.sleep(pause)
        except anthropic.APIError:
            break
    return answer
