# realworld repro: batchable-fanout (positive) -- an offline script that, for every dataset item, asks Claude two
# framings of the same question and writes all answers to a JSON file; unbounded-fanout look-alike -- the
# asyncio.gather per item covers a fixed handful (two framings x two configured providers), items run in turn
# source: bcass01/Agreement-Bias generate_responses.py:46
# source: bcass01/Agreement-Bias generate_responses.py:90
import asyncio
import json

from anthropic import AsyncAnthropic
from openai import AsyncOpenAI

claude = AsyncAnthropic()
other = AsyncOpenAI()
PROVIDERS = {"claude": "claude-haiku-4-5", "gpt": "gpt-4o-mini"}


async def ask(provider, prompt):
    try:
        if provider == "claude":
            reply = await claude.messages.create(  # expect: batchable-fanout
                model=PROVIDERS[provider],
                max_tokens=300,
                messages=[{"role": "user", "content": prompt}],
            )
            return reply.content[0].text
        reply = await other.chat.completions.create(
            model=PROVIDERS[provider],
            max_tokens=300,
            messages=[{"role": "user", "content": prompt}],
        )
        return reply.choices[0].message.content
    except Exception as err:
        print(f"{provider} failed: {err}")
        return None


async def main():
    with open("claims.json") as fh:
        items = json.load(fh)
    out = []
    for item in items:
        jobs = []
        for provider in PROVIDERS:
            jobs.append(ask(provider, item["plain"]))
            jobs.append(ask(provider, item["leading"]))
        answers = await asyncio.gather(*jobs)  # expect-not: unbounded-fanout
        out.append({"id": item["id"], "answers": answers})
        with open("answers.json", "w") as fh:
            json.dump(out, fh, indent=2)


if __name__ == "__main__":
    asyncio.run(main())
