# realworld repro (negative): unbounded-fanout, batchable-fanout -- a batch helper in its own module submits one
# thread task per question to a ThreadPoolExecutor sized by a parameter (default 5), each calling the single-answer
# helper imported from a sibling module (which retries by itself, reported there), and hands the answers back to the
# caller in order during a game
# source: TalHibner/q21g-project knowledge_base/llm_batch.py:59
# source: TalHibner/q21g-project knowledge_base/llm_batch.py:52
# source: TalHibner/q21g-project knowledge_base/llm_batch.py:53
from concurrent.futures import ThreadPoolExecutor, as_completed

import anthropic

from riddle_host_class_tuple_retry import host_reply


def answer_all(client: anthropic.Anthropic, questions: list[str], max_tokens: int = 1024, workers: int = 5) -> list[str]:
    if not questions:
        return []
    collected: dict[int, str] = {}

    def worker(pos: int, question: str) -> tuple[int, str]:
        try:
            return pos, host_reply(client, question, max_tokens)  # expect-not: batchable-fanout, model-routing, missing-max-tokens, uncached-prompt
        except Exception as err:  # expect-not: string-matched-error
            print(f"question {pos} failed: {err}")
            return pos, ""

    with ThreadPoolExecutor(max_workers=workers) as pool:  # expect-not: unbounded-fanout
        futures = {pool.submit(worker, i, q): i for i, q in enumerate(questions)}
        for fut in as_completed(futures):
            pos, text = fut.result()
            collected[pos] = text
    return [collected[i] for i in range(len(questions))]
