# realworld repro (positive): unbounded-fanout (naive-retry ignore at the helper's call: the loop is the imported module's, reported there) -- a cross-sell helper explains every recommendation
# with one short Haiku request sent through call_with_backoff imported from a sibling module (rate limits retried
# after 1 s and 2 s, never retry-after, SDK retries kept), all recommendations started at once by asyncio.gather
# with no semaphore
# source: Sankar16/searchforge src/crosssell_agent/llm_agent.py:52
# source: Sankar16/searchforge src/crosssell_agent/llm_agent.py:107
# source: Sankar16/searchforge src/crosssell_agent/llm_agent.py:82
import asyncio
import os

from anthropic import AsyncAnthropic

from crosssell_explain_gather_retry import call_with_backoff

PAIRING_MODEL = "claude-haiku-4-5"


async def explain_pairing(client: AsyncAnthropic, basket_item: str, suggestion: dict) -> str:
    prompt = (
        f"Item in basket: {basket_item}\n"
        f"Suggested add-on: {suggestion['title']} ({suggestion.get('kind', 'accessory')})\n"
        "In one or two plain sentences, say why a workshop buyer would want both. Do not invent measurements."
    )
    reply = await call_with_backoff(  # expect-not: model-routing, batchable-fanout, missing-max-tokens
        client,
        model=PAIRING_MODEL,
        max_tokens=120,
        messages=[{"role": "user", "content": prompt}],
    )
    return reply.content[0].text.strip()


async def explain_suggestions(basket_item: str, suggestions: list[dict]) -> list[dict]:
    client = AsyncAnthropic(api_key=os.getenv("ANTHROPIC_API_KEY"))  # expect-not: retries-disabled, hardcoded-api-key

    async def one(suggestion: dict) -> dict:
        try:
            why = await explain_pairing(client, basket_item, suggestion)
        except Exception:
            why = suggestion.get("note", "")
        return {**suggestion, "why": why}

    return list(await asyncio.gather(*[one(s) for s in suggestions]))  # expect: unbounded-fanout
