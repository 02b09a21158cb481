# realworld repro (negative): unbounded-fanout -- gather over a comprehension on a literal list of two questions
# source: vienneraphael/batchling examples/providers/anthropic_example.py:37
import asyncio

from anthropic import AsyncAnthropic


async def build():
    client = AsyncAnthropic()
    questions = ["Which planet is largest?", "How far is the moon?"]
    return [
        client.messages.create(model="claude-haiku-4-5", max_tokens=200, messages=[{"role": "user", "content": q}])
        for q in questions
    ]


async def main():
    jobs = await build()
    answers = await asyncio.gather(*jobs)  # expect-not: unbounded-fanout
    print(answers)


asyncio.run(main())
