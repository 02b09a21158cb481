# realworld repro (negative): naive-retry + unbounded-fanout -- a RateLimitError-only loop waits
# max(schedule, retry-after); the gather runs one extraction per fixed tool of a small schema table,
# not one per input item
# source: arianpasquali/anthropic-hackathon src/backend/preprocessing/claude.py:68
# source: arianpasquali/anthropic-hackathon src/backend/preprocessing/claude.py:298
import asyncio
import time

import anthropic

WAITS = [5, 15, 45]
SECTIONS = {"volume": {"type": "object"}, "people": {"type": "object"}, "donors": {"type": "object"}}


def extract(client, text, section):
    for attempt in range(len(WAITS) + 1):  # expect-not: naive-retry
        try:
            reply = client.messages.create(
                model="claude-sonnet-4-5",
                max_tokens=1500,
                tools=[{"name": section, "input_schema": SECTIONS[section]}],
                tool_choice={"type": "tool", "name": section},
                messages=[{"role": "user", "content": text}],
            )
            return reply.content[0].input
        except anthropic.RateLimitError as exc:
            if attempt >= len(WAITS):
                raise
            header = exc.response.headers.get("retry-after")
            time.sleep(max(WAITS[attempt], float(header or 0)))


async def extract_all(text):
    client = anthropic.Anthropic()
    loop = asyncio.get_running_loop()
    results = await asyncio.gather(  # expect-not: unbounded-fanout
        *[loop.run_in_executor(None, extract, client, text, name) for name in SECTIONS]
    )
    return dict(zip(SECTIONS, results))
