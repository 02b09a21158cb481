# realworld repro (negative): naive-retry -- a shared agent helper retries messages.create only on the SDK's
# rate-limit error, waiting the retry-after header when the response carries one (capped by a setting) and a capped
# exponential wait otherwise; the request's arguments come from the callers; a second pool runs tool functions, no
# Claude call in it
# source: emillaurence/graphrag-finserv-compliance src/agent/utils.py:45
# source: emillaurence/graphrag-finserv-compliance src/agent/utils.py:60
# source: emillaurence/graphrag-finserv-compliance src/agent/utils.py:48
# source: emillaurence/graphrag-finserv-compliance src/agent/utils.py:154
import logging
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from typing import Any

import anthropic

log = logging.getLogger(__name__)

LONGEST_WAIT_S = 90


def create_with_wait(client: anthropic.Anthropic, **kwargs: Any):
    for attempt in range(3):  # expect-not: naive-retry
        try:
            return client.messages.create(**kwargs)  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, retries-disabled
        except anthropic.RateLimitError as err:  # expect-not: string-matched-error
            if attempt == 2:
                raise
            header = None
            headers = getattr(getattr(err, "response", None), "headers", None)
            if headers:
                header = headers.get("retry-after")
            wait = min(int(float(header)), LONGEST_WAIT_S) if header else min(30 * 2**attempt, LONGEST_WAIT_S)
            log.warning("waiting %ds", wait)
            time.sleep(wait)


def run_tools(run_tool, blocks: list) -> dict:
    found = {}
    with ThreadPoolExecutor(max_workers=max(1, len(blocks))) as pool:  # expect-not: unbounded-fanout
        jobs = {pool.submit(run_tool, b.name, b.input): b.id for b in blocks}
        for job in as_completed(jobs):
            found[jobs[job]] = job.result()
    return found
