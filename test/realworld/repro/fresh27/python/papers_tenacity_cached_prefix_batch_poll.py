# realworld repro (positive + negative): naive-retry -- a literature helper puts tenacity's @retry (exponential
# wait 2-60 s, five attempts, no predicate) on its single-call function, so every error is re-sent on its own
# schedule, never on retry-after, over a module client that keeps the SDK's retries; look-alikes: the static
# instruction block is already marked with cache_control, the same module submits Message Batches (requests
# handed in) and polls their status in a `while True` loop that retries nothing
# source: Hamfree-code/literature-synthesis-engine utils/claude_client.py:23
# source: Hamfree-code/literature-synthesis-engine utils/claude_client.py:54
# source: Hamfree-code/literature-synthesis-engine utils/claude_client.py:31
# source: Hamfree-code/literature-synthesis-engine utils/claude_client.py:47
# source: Hamfree-code/literature-synthesis-engine utils/claude_client.py:15
import time

import anthropic
from tenacity import retry, stop_after_attempt, wait_exponential

from review_config import cfg

api = anthropic.Anthropic(api_key=cfg.CLAUDE_KEY)  # expect-not: retries-disabled


@retry(stop=stop_after_attempt(5), wait=wait_exponential(min=2, max=60))  # expect: naive-retry
def ask_with_prefix(model: str, instructions: str, paper_text: str, max_tokens: int = 900) -> str:
    reply = api.messages.create(  # expect-not: uncached-prompt, missing-max-tokens, nonstreaming-max-tokens, model-routing, batchable-fanout, unbounded-fanout
        model=model,
        max_tokens=max_tokens,
        messages=[{
            "role": "user",
            "content": [
                {"type": "text", "text": instructions, "cache_control": {"type": "ephemeral"}},
                {"type": "text", "text": paper_text},
            ],
        }],
    )
    return reply.content[0].text


def send_batch(items: list[dict]) -> str:
    job = api.messages.batches.create(requests=items)  # expect-not: missing-max-tokens
    return job.id


def wait_for_batch(job_id: str, every: int = 45) -> list:
    while True:  # expect-not: naive-retry
        job = api.messages.batches.retrieve(job_id)
        if job.processing_status == "ended":
            break
        time.sleep(every)
    return list(api.messages.batches.results(job_id))
