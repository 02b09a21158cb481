# realworld repro (negative): unbounded-fanout -- the inputs are cut into slices, each slice gathered in
# turn, and every call waits on an asyncio.Semaphore before its create
# source: bensigud/enron-email-classifier src/claude_client.py:120
import asyncio

import anthropic

aclient = anthropic.AsyncAnthropic()
PER_CALL = 10
AT_ONCE = 15


async def rate_group(texts, gate):
    async with gate:
        reply = await aclient.messages.create(
            model="claude-haiku-4-5",
            max_tokens=5 * len(texts),
            messages=[{"role": "user", "content": "\n---\n".join(texts)}],
        )
        return reply.content[0].text.splitlines()


async def rate_everything(texts):
    gate = asyncio.Semaphore(AT_ONCE)
    groups = [texts[i : i + PER_CALL] for i in range(0, len(texts), PER_CALL)]
    scores = []
    for start in range(0, len(groups), AT_ONCE):
        wave = groups[start : start + AT_ONCE]
        done = await asyncio.gather(*[rate_group(g, gate) for g in wave])  # expect-not: unbounded-fanout
        for lines in done:
            scores.extend(lines)
    return scores
