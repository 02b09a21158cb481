# realworld repro (positive + negative): unbounded-fanout -- the judge step gathers one create per eval case
# with no cap, while the answering step holds an asyncio.Semaphore(10) around each call; the key hints are
# placeholders in text
# source: john1040/claude-eval claude_eval/judge.py:141
# source: john1040/claude-eval claude_eval/runner.py:98
# source: john1040/claude-eval claude_eval/runner.py:42
# source: victorchina-ops/vision-llm-benchmark run_claude.py:6
"""Judge every answer of an eval run (export ANTHROPIC_API_KEY=sk-ant-... first)."""  # expect-not: hardcoded-api-key

import asyncio
import os

from anthropic import AsyncAnthropic

CAP = 10


def make_client():
    key = os.environ.get("ANTHROPIC_API_KEY")
    if not key:
        raise EnvironmentError("Set ANTHROPIC_API_KEY, e.g. export ANTHROPIC_API_KEY='sk-ant-...'")  # expect-not: hardcoded-api-key
    return AsyncAnthropic(api_key=key)


async def answer_one(client, model, text):
    reply = await client.messages.create(model=model, max_tokens=1024, messages=[{"role": "user", "content": text}])
    return reply.content[0].text


async def answer_all(model, cases):
    client = make_client()
    gate = asyncio.Semaphore(CAP)

    async def guarded(case):
        async with gate:
            return await answer_one(client, model, case["input"])

    return await asyncio.gather(*[guarded(c) for c in cases])  # expect-not: unbounded-fanout


async def grade_one(client, model, case, answer):
    reply = await client.messages.create(
        model=model,
        max_tokens=1024,
        messages=[{"role": "user", "content": f"Question: {case['input']}\nAnswer: {answer}\nScore it 1-5 as JSON."}],
    )
    return reply.content[0].text


async def grade_all(model, cases, answers):
    client = make_client()
    jobs = [grade_one(client, model, case, answer) for case, answer in zip(cases, answers)]
    return await asyncio.gather(*jobs, return_exceptions=True)  # expect: unbounded-fanout
