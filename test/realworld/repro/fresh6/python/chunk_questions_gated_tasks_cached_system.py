# realworld repro (positive + negative): batchable-fanout -- offline question writing sends one create per
# documentation chunk and writes the questions to JSONL, both sequentially and as semaphore-gated tasks;
# unbounded-fanout look-alike -- every task waits on an asyncio.Semaphore; uncached-prompt look-alike -- the
# long system prompt already carries cache_control
# source: PatriceWeisz/odoo-quiz scripts/generate_questions.py:307
# source: PatriceWeisz/odoo-quiz scripts/generate_questions.py:323
# source: PatriceWeisz/odoo-quiz scripts/generate_questions.py:643
import argparse
import asyncio
import json

import anthropic

WRITER = "You write multiple-choice exam questions from product documentation. Return a JSON array. " * 40


def system_blocks():
    return [{"type": "text", "text": WRITER, "cache_control": {"type": "ephemeral"}}]


def write_sync(chunks, path):
    api = anthropic.Anthropic()
    with open(path, "w") as out:
        for chunk in chunks:
            try:
                reply = api.messages.create(  # expect: batchable-fanout
                    model="claude-sonnet-4-6",
                    max_tokens=4096,
                    system=system_blocks(),
                    messages=[{"role": "user", "content": chunk["text"]}],
                )
            except Exception as exc:
                print(chunk["id"], exc)
                continue
            for q in json.loads(reply.content[0].text):
                out.write(json.dumps(q) + "\n")


async def write_async(chunks, path, limit=4):
    api = anthropic.AsyncAnthropic()
    gate = asyncio.Semaphore(limit)

    async def one(chunk):
        async with gate:
            reply = await api.messages.create(  # expect: batchable-fanout
                model="claude-sonnet-4-6",
                max_tokens=4096,
                system=system_blocks(),
                messages=[{"role": "user", "content": chunk["text"]}],
            )
            return json.loads(reply.content[0].text)

    tasks = [asyncio.create_task(one(c)) for c in chunks]  # expect-not: unbounded-fanout
    batches = await asyncio.gather(*tasks)  # expect-not: unbounded-fanout
    with open(path, "w") as out:
        for qs in batches:
            for q in qs:
                out.write(json.dumps(q) + "\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("chunks")
    parser.add_argument("--out", default="questions.jsonl")
    parser.add_argument("--async", action="store_true", dest="async_mode")
    args = parser.parse_args()
    with open(args.chunks) as f:
        chunks = [json.loads(line) for line in f]
    if args.async_mode:
        asyncio.run(write_async(chunks, args.out))
    else:
        write_sync(chunks, args.out)


if __name__ == "__main__":
    main()
