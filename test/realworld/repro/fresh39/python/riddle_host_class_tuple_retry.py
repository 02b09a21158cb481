# realworld repro (positive + negative): naive-retry -- a shared helper for a guessing game loops three times around
# messages.create (per-request timeout through with_options), catching a tuple of SDK error classes that includes
# RateLimitError and sleeping 1 s then 2 s, never retry-after, on a client handed in that keeps the SDK's retries;
# the same module pools several answers with a ThreadPoolExecutor sized by a parameter (unbounded-fanout look-alike)
# and returns them to the caller (batchable-fanout look-alike)
# source: TalHibner/q21g-project knowledge_base/llm_client.py:36
# source: TalHibner/q21g-project knowledge_base/llm_client.py:44
# source: TalHibner/q21g-project knowledge_base/llm_client.py:38
# source: TalHibner/q21g-project knowledge_base/llm_client.py:87
# source: TalHibner/q21g-project knowledge_base/llm_client.py:80
import logging
import time
from concurrent.futures import ThreadPoolExecutor, as_completed

import anthropic

HOST_MODEL = "claude-sonnet-4-20250514"
log = logging.getLogger(__name__)

_TRANSIENT = (
    anthropic.RateLimitError,
    anthropic.APITimeoutError,
    anthropic.APIConnectionError,
    anthropic.InternalServerError,
)


def host_reply(client: anthropic.Anthropic, question: str, max_tokens: int = 1024, timeout: float = 30.0,
               extra_tries: int = 2) -> str:
    for attempt in range(extra_tries + 1):  # expect: naive-retry
        try:
            reply = client.with_options(timeout=timeout).messages.create(  # expect-not: retries-disabled, missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, hardcoded-api-key
                model=HOST_MODEL,
                max_tokens=max_tokens,
                messages=[{"role": "user", "content": question}],
            )
            return reply.content[0].text
        except _TRANSIENT as err:  # expect-not: string-matched-error
            if attempt == extra_tries:
                raise
            log.warning("host reply failed (%s), trying again", type(err).__name__)
            time.sleep(2 ** attempt)
    raise RuntimeError("unreachable")


def host_replies(client: anthropic.Anthropic, questions: list[str], threads: int = 5) -> list[str]:
    answers: dict[int, str] = {}

    def one(pos: int, question: str) -> tuple[int, str]:
        try:
            return pos, host_reply(client, question)  # expect-not: batchable-fanout
        except Exception:
            return pos, ""

    with ThreadPoolExecutor(max_workers=threads) as pool:  # expect-not: unbounded-fanout
        pending = [pool.submit(one, i, q) for i, q in enumerate(questions)]
        for done in as_completed(pending):
            pos, text = done.result()
            answers[pos] = text
    return [answers[i] for i in range(len(questions))]
