# realworld repro (positive + negative): retries-disabled -- with_options(timeout=..., max_retries=0) on each
# request of a web-search summary, with no retry anywhere in the file; the surrounding loop only resends
# after a pause_turn stop, it is not an error retry
# source: Aishattu/Anaconda-Prospect-Research claude_client.py:81
# source: Aishattu/Anaconda-Prospect-Research claude_client.py:78
import time

import anthropic

SEARCH = {"type": "web_search_20250305", "name": "web_search", "max_uses": 2}
EXTRA_ROUNDS = 2
_client = anthropic.Anthropic()


def profile(company, budget_seconds=60):
    deadline = time.time() + budget_seconds
    turns = [{"role": "user", "content": f"Does {company} ship AI features? Answer in JSON."}]
    for _ in range(EXTRA_ROUNDS + 1):  # expect-not: naive-retry
        reply = _client.with_options(
            timeout=max(deadline - time.time(), 5), max_retries=0  # expect: retries-disabled
        ).messages.create(
            model="claude-sonnet-4-5",
            max_tokens=4096,
            tools=[SEARCH],
            messages=turns,
        )
        if reply.stop_reason != "pause_turn" or time.time() > deadline - 10:
            break
        turns.append({"role": "assistant", "content": reply.content})
    return "".join(block.text for block in reply.content if block.type == "text")
