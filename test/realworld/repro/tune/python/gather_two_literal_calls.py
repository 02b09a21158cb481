# realworld repro (negative): unbounded-fanout -- asyncio.gather over a fixed pair of coroutines
# source: AgentOps-AI/agentops examples/anthropic/anthropic-example-async.py:95
# source: ao-agent-ops/ao-dev example_workflows/debug_examples/anthropic/async_debate.py:25
import asyncio

import anthropic

llm = anthropic.AsyncAnthropic()


async def pick_colour():
    return "teal"


async def write_haiku(topic):
    return await llm.messages.create(
        model="claude-haiku-4-5",
        max_tokens=120,
        messages=[{"role": "user", "content": f"A haiku about {topic}"}],
    )


async def main():
    colour, poem = await asyncio.gather(pick_colour(), write_haiku("rivers"))  # expect-not: unbounded-fanout
    pro, con = await asyncio.gather(  # expect-not: unbounded-fanout
        llm.messages.create(model="claude-haiku-4-5", max_tokens=80, messages=[{"role": "user", "content": "For tea"}]),
        llm.messages.create(model="claude-haiku-4-5", max_tokens=80, messages=[{"role": "user", "content": "For coffee"}]),
    )
    print(colour, poem, pro, con)


asyncio.run(main())
