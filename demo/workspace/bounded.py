"""Demo: a bounded fan-out that Headroom leaves alone."""
import asyncio
import os

import anthropic

client = anthropic.AsyncAnthropic(api_key=os.environ["ANTHROPIC_API_KEY"], max_retries=6)
sem = asyncio.Semaphore(8)


async def score(text: str) -> str:
    async with sem:
        message = await client.messages.create(
            model="claude-haiku-4-5",
            max_tokens=16,
            messages=[{"role": "user", "content": f"Score 1-10: {text}"}],
        )
    return message.content[0].text


async def score_all(texts: list[str]) -> list[str]:
    return await asyncio.gather(*(score(t) for t in texts))
