# realworld repro (negative): naive-retry and uncached-prompt -- an agent's tool loop whose only handler
# (a timeout from asyncio.wait_for) marks the run failed and returns; the system block already carries
# cache_control
# source: provectus/ccw-claude-api-lab backend/app/services/agent_runner.py:73
# source: provectus/ccw-claude-api-lab backend/app/services/agent_runner.py:76
import asyncio

import anthropic

ROUNDS = 12
GUIDE = "You review uploaded documents and call tools to extract their fields. " * 40


async def run_agent(job, tools, handlers, seconds=300):
    client = anthropic.AsyncAnthropic()
    history = [{"role": "user", "content": job.request}]
    for _ in range(ROUNDS):  # expect-not: naive-retry
        try:
            reply = await asyncio.wait_for(
                client.messages.create(  # expect-not: uncached-prompt
                    model="claude-sonnet-4-5",
                    max_tokens=4096,
                    system=[{"type": "text", "text": GUIDE, "cache_control": {"type": "ephemeral"}}],
                    tools=tools,
                    messages=history,
                ),
                timeout=seconds,
            )
        except asyncio.TimeoutError:
            job.status = "failed"
            return
        calls = [b for b in reply.content if b.type == "tool_use"]
        if not calls:
            job.status = "done"
            return
        history.append({"role": "assistant", "content": reply.content})
        history.append(
            {
                "role": "user",
                "content": [
                    {"type": "tool_result", "tool_use_id": c.id, "content": str(handlers[c.name](**c.input))}
                    for c in calls
                ],
            }
        )
