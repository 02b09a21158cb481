# realworld repro (negative): unbounded-fanout, uncached-prompt, batchable-fanout -- a benchmark module gathers one
# task per question, but each task holds an asyncio.Semaphore (10 by default) around its Claude call; the system
# prompt is an f-string holding the item's own document, the answers go back into the items and are returned, and
# the module's entry point asks a single question
# source: landing-ai/ade-docvqa-benchmark src/clients/claude_client.py:275
# source: landing-ai/ade-docvqa-benchmark src/clients/claude_client.py:33
# source: landing-ai/ade-docvqa-benchmark src/clients/claude_client.py:21
import asyncio
import json
import os

from anthropic import AsyncAnthropic


class DocAsker:
    def __init__(self, key: str, model: str = "claude-sonnet-4-5-20250929"):
        self.model = model
        self.client = AsyncAnthropic(api_key=key)  # expect-not: retries-disabled, hardcoded-api-key

    async def ask(self, system: str, question: str, cap: int = 4096) -> dict:
        try:
            out = await self.client.messages.create(  # expect-not: uncached-prompt, batchable-fanout, model-routing, nonstreaming-max-tokens, missing-max-tokens
                model=self.model,
                max_tokens=cap,
                system=system,
                messages=[{"role": "user", "content": question}],
            )
            return json.loads(out.content[0].text)
        except Exception as err:  # expect-not: string-matched-error
            return {"answer": "ERROR", "error": str(err)}


async def answer_all(items: list, key: str, limit: int = 10) -> list:
    asker = DocAsker(key)
    gate = asyncio.Semaphore(limit)

    async def one(item: dict) -> dict:
        system = f"""Answer only from this document and cite chunk ids as JSON.

{item.get("document", "")}
"""
        async with gate:
            got = await asker.ask(system, item.get("question", ""))
        item["prediction"] = got.get("answer", "")
        return item

    jobs = [asyncio.create_task(one(it)) for it in items]
    await asyncio.gather(*jobs)  # expect-not: unbounded-fanout
    return items


if __name__ == "__main__":
    result = asyncio.run(DocAsker(os.getenv("DOCQA_KEY")).ask("Answer briefly.", "What is 2 + 2?"))
    print(result)
