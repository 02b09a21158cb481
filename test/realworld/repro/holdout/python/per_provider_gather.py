# realworld repro (negative): one request per configured provider gathered together (a fixed
# handful, not unbounded-fanout); OpenAI-compatible chat.completions calls without max_tokens
# (not the Messages API, not missing-max-tokens)
# source: vienneraphael/batchling examples/many.py:351
# source: vienneraphael/batchling examples/many.py:108
# source: vienneraphael/batchling examples/many.py:168
# source: vienneraphael/batchling examples/many.py:228
import asyncio
import os

from anthropic import AsyncAnthropic
from groq import AsyncGroq
from openai import AsyncOpenAI


async def ask_claude(prompt):
    client = AsyncAnthropic()
    r = await client.messages.create(model="claude-haiku-4-5", max_tokens=300, messages=[{"role": "user", "content": prompt}])
    return r.content[0].text


async def ask_groq(prompt):
    client = AsyncGroq(api_key=os.getenv("GROQ_API_KEY"))
    r = await client.chat.completions.create(  # expect-not: missing-max-tokens
        model="llama-3.1-8b-instant",
        messages=[{"role": "user", "content": prompt}],
    )
    return r.choices[0].message.content


async def ask_xai(prompt):
    client = AsyncOpenAI(api_key=os.getenv("XAI_API_KEY"), base_url="https://api.x.ai/v1")
    r = await client.chat.completions.create(  # expect-not: missing-max-tokens
        model="grok-4",
        messages=[{"role": "user", "content": prompt}],
    )
    return r.choices[0].message.content


async def main():
    runners = [ask_claude, ask_groq, ask_xai]
    jobs = [run("What is asynchronous batching?") for run in runners]
    answers = await asyncio.gather(*jobs)  # expect-not: unbounded-fanout
    print(answers)


asyncio.run(main())
