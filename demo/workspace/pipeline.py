"""Demo: an async pipeline with the mistakes Headroom catches."""
import asyncio

import anthropic

client = anthropic.AsyncAnthropic(max_retries=0)


async def translate(text: str) -> str:
    message = await client.messages.create(
        model="claude-haiku-4-5",
        messages=[{"role": "user", "content": f"Translate to French: {text}"}],
    )
    return message.content[0].text


async def translate_all(texts: list[str]) -> list[str]:
    # One task per text, all at once.
    return await asyncio.gather(*[translate(t) for t in texts])


async def with_retry(text: str) -> str:
    while True:
        try:
            return await translate(text)
        except Exception as e:
            if "rate limit" in str(e).lower():
                await asyncio.sleep(2)
            else:
                raise
