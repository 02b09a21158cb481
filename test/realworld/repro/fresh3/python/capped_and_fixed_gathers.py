# realworld repro (negative): unbounded-fanout look-alikes -- asyncio.gather over one group of at most five
# requests at a time (groups awaited in turn); asyncio.gather of exactly two tasks (one Claude summary, one other
# provider's call); asyncio.gather over every section of a document whose callee enters a module-level
# asyncio.Semaphore(5) before each create; naive-retry look-alike -- a per-group except that returns defaults
# source: Conmcgr/content-moderation-project claude_helper.py:109
# source: Conmcgr/content-moderation-project claude_helper.py:79
# source: Wesius/LLM-Based-Story-Extender process_chapters.py:34
# source: xlei77/quant-wiki translate_claude.py:156
import asyncio
from functools import partial

from anthropic import Anthropic, AsyncAnthropic

api = AsyncAnthropic()
GATE = asyncio.Semaphore(5)


async def rate_group(reviews, model="claude-haiku-4-5"):
    try:
        text = "\n\n".join(f"Review {i + 1}: {r}" for i, r in enumerate(reviews))
        reply = await api.messages.create(
            model=model,
            max_tokens=1024,
            system="Rate each review 1-5. Answer as a JSON list of integers.",
            messages=[{"role": "user", "content": text}],
        )
        return [int(c) for c in reply.content[0].text if c.isdigit()][: len(reviews)]
    except Exception as exc:  # expect-not: naive-retry
        print(f"group failed: {exc}")
        return [3] * len(reviews)


async def rate_all(groups, at_once=5):
    scores = []
    for start in range(0, len(groups), at_once):
        chunk = groups[start : start + at_once]
        results = await asyncio.gather(*[rate_group(g) for g in chunk])  # expect-not: unbounded-fanout
        for r in results:
            scores.extend(r)
    return scores


async def summarise(chapter):
    reply = await api.messages.create(
        model="claude-3-5-sonnet-20240620",
        max_tokens=2048,
        messages=[{"role": "user", "content": "Summarise this chapter in 200 words:\n\n" + chapter}],
    )
    return reply.content[0].text


async def one_chapter(chapter, other_provider_call):
    summary_task = asyncio.create_task(summarise(chapter))
    notes_task = asyncio.create_task(other_provider_call(chapter))
    summary, notes = await asyncio.gather(summary_task, notes_task)  # expect-not: unbounded-fanout
    return {"summary": summary, "notes": notes}


async def translate_section(sync_api: Anthropic, text):
    async with GATE:
        loop = asyncio.get_event_loop()
        reply = await loop.run_in_executor(
            None,
            partial(
                sync_api.messages.create,
                model="claude-3-5-sonnet-20241022",
                max_tokens=4000,
                messages=[{"role": "user", "content": "Translate to English, keep Markdown:\n\n" + text}],
            ),
        )
        await asyncio.sleep(0.5)
        return reply.content[0].text


async def translate_document(sync_api: Anthropic, sections):
    parts = await asyncio.gather(*[translate_section(sync_api, s) for s in sections])  # expect-not: unbounded-fanout
    return "\n\n".join(parts)
