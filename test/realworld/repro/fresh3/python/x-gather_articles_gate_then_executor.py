# realworld repro (negative): unbounded-fanout -- asyncio.gather over one task per article, each task entering an
# asyncio.Semaphore(max_concurrent) before a blocking Claude call is pushed to the default executor
# source: tcarmody/rss-reader async_batch.py:130
import asyncio

import anthropic

claude = anthropic.Anthropic()


def blurb(text):
    reply = claude.messages.create(
        model="claude-haiku-4-5",
        max_tokens=300,
        messages=[{"role": "user", "content": f"Two-sentence blurb:\n{text}"}],
    )
    return reply.content[0].text


async def blurbs_for(articles, max_concurrent=3):
    gate = asyncio.Semaphore(max_concurrent)

    async def one(article):
        async with gate:
            loop = asyncio.get_event_loop()
            return await loop.run_in_executor(None, lambda: blurb(article["text"]))

    tasks = [one(a) for a in articles]
    return await asyncio.gather(*tasks, return_exceptions=True)  # expect-not: unbounded-fanout
