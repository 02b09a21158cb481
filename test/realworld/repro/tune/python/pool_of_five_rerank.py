# realworld repro (negative): unbounded-fanout -- ThreadPoolExecutor(max_workers=5) submits one Haiku
# rerank per candidate through local functions
# source: tomcounsell/ai tools/impact_finder_core.py:473
from concurrent.futures import ThreadPoolExecutor, as_completed

import anthropic

client = anthropic.Anthropic()


def score_one(text):
    reply = client.messages.create(
        model="claude-haiku-4-5",
        max_tokens=200,
        messages=[{"role": "user", "content": f"Score 0-10 how related this is: {text}"}],
    )
    return reply.content[0].text


def rerank(candidates):
    scores = {}

    def job(item):
        return item, score_one(item)

    with ThreadPoolExecutor(max_workers=5) as pool:
        futures = [pool.submit(job, c) for c in candidates]  # expect-not: unbounded-fanout
        for fut in as_completed(futures):
            item, score = fut.result()
            scores[item] = score
    return scores
