# realworld repro (positive + negative): naive-retry -- a research pipeline scores each text chunk with a short
# create inside a two-attempt loop: on RateLimitError it flags a shared event, sleeps a fixed 2 s and continues, never
# reading retry-after; look-alikes: the chunks are gathered five at a time with a pause between groups after a 429,
# the rate limit is caught by class, and a single follow-up call returns a canned text on any API error
# source: SDGuitarist/research-agent research_agent/relevance.py:153
# source: SDGuitarist/research-agent research_agent/relevance.py:293
# source: SDGuitarist/research-agent research_agent/relevance.py:172
# source: SDGuitarist/research-agent research_agent/relevance.py:445
import asyncio

from anthropic import APIError, AsyncAnthropic, RateLimitError

GROUP = 5
COOL_DOWN = 2.0


async def rate_chunk(question: str, chunk: str, api: AsyncAnthropic, model: str, hit: asyncio.Event) -> int:
    rating = 3
    for attempt in range(2):  # expect: naive-retry
        try:
            reply = await api.messages.create(  # expect-not: missing-max-tokens, uncached-prompt, batchable-fanout
                model=model,
                max_tokens=100,
                timeout=15.0,
                system="Rate how well the passage answers the question from 1 to 5.",
                messages=[{"role": "user", "content": f"Q: {question}\n\n{chunk}\n\nRATING:"}],
            )
            rating = int(reply.content[0].text.strip()[:1] or 3)
            break
        except RateLimitError:  # expect-not: string-matched-error
            hit.set()
            if attempt == 0:
                await asyncio.sleep(2.0)
                continue
        except APIError:
            break
    return rating


async def rate_all(question: str, chunks: list[str], api: AsyncAnthropic, model: str) -> list:
    out: list = []
    hit = asyncio.Event()
    for start in range(0, len(chunks), GROUP):
        if start and hit.is_set():
            await asyncio.sleep(COOL_DOWN)
            hit.clear()
        jobs = [rate_chunk(question, c, api, model, hit) for c in chunks[start:start + GROUP]]
        out.extend(await asyncio.gather(*jobs, return_exceptions=True))  # expect-not: unbounded-fanout
    return out


async def explain_gap(question: str, api: AsyncAnthropic, model: str) -> str:
    try:
        reply = await api.messages.create(
            model=model,
            max_tokens=500,
            messages=[{"role": "user", "content": f"Nothing relevant was found for: {question}. Suggest next steps."}],
        )
        return reply.content[0].text
    except (APIError, RateLimitError):  # expect-not: naive-retry
        return "No relevant sources were found."
