# realworld repro (negative): unbounded-fanout look-alike -- asyncio.as_completed over one task per pull request,
# each task entering a module-level asyncio.Semaphore sized by configuration before its create; the handler logs
# and returns a default result (nothing is re-sent); the system prompt is short and the model configured
# source: micsparre/xray backend/agents/code_analyzer.py:119
# source: micsparre/xray backend/agents/code_analyzer.py:94
# source: micsparre/xray backend/agents/code_analyzer.py:65
import asyncio
import json
import logging
import os

import anthropic

log = logging.getLogger(__name__)

MODEL = os.environ.get("REVIEW_MODEL", "claude-sonnet-4-5")
gate = asyncio.Semaphore(int(os.environ.get("MAX_PARALLEL_CALLS", "4")))
client = anthropic.AsyncAnthropic()

RUBRIC = "Classify the change in this diff as feature, fix, refactor or chore, and reply with JSON {kind, why}."


async def classify(number: int, diff: str) -> dict:
    async with gate:
        try:
            reply = await asyncio.wait_for(
                client.messages.create(  # expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt
                    model=MODEL,
                    max_tokens=1024,
                    system=RUBRIC,
                    messages=[{"role": "user", "content": diff}],
                ),
                timeout=60,
            )
            return {"pr": number, **json.loads(reply.content[0].text)}
        except Exception as err:  # expect-not: naive-retry
            log.warning("PR %s not classified: %s", number, err)
            return {"pr": number, "kind": "unknown"}


async def classify_all(diffs: dict[int, str]) -> list[dict]:
    tasks = [classify(n, d) for n, d in diffs.items() if d]
    results = []
    for fut in asyncio.as_completed(tasks):  # expect-not: unbounded-fanout
        results.append(await fut)
    return results
