# realworld repro (negative): unbounded-fanout, naive-retry -- a tagging service splits the catalogue into slices
# of 50 and gathers one coroutine per product, each waiting on an asyncio.Semaphore of 10 before opening a
# per-request AsyncAnthropic client for a 500-token Sonnet 3.7 tag list; errors return a placeholder tag (no retry).
# The results go back to the caller, which applies them elsewhere (batchable-fanout is `ignore` in the source and
# carries no marker here)
# source: kufton/shopify_automation claude_integration.py:143
# source: kufton/shopify_automation claude_integration.py:118
# source: kufton/shopify_automation claude_integration.py:83
# source: kufton/shopify_automation claude_integration.py:12
import asyncio

import anthropic


class TagService:
    def __init__(self, api_key=None, settings=None):
        self.api_key = api_key or getattr(settings, "ANTHROPIC_API_KEY", None)  # expect-not: hardcoded-api-key
        self.model = "claude-3-7-sonnet-20250219"
        self.parallel = 10

    async def tag_one(self, item):
        prompt = f"List specific two-to-four word tags for this item, comma separated.\n\nTitle: {item.title}\nText: {item.text}"
        try:
            async with anthropic.AsyncAnthropic(api_key=self.api_key) as client:  # expect-not: retries-disabled
                reply = await client.messages.create(  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt
                    model=self.model,
                    max_tokens=500,
                    temperature=0.2,
                    system="You write precise catalogue tags.",
                    messages=[{"role": "user", "content": prompt}],
                )
            tags = [t.strip().lower() for t in reply.content[0].text.split(",") if " " in t.strip()]
            return item, tags or ["untagged item"]
        except Exception as exc:  # expect-not: naive-retry, string-matched-error
            print(f"tagging failed for {item.title}: {exc}")
            return item, ["tagging error"]

    async def tag_all(self, items, slice_size=50):
        done = []
        for start in range(0, len(items), slice_size):
            part = items[start : start + slice_size]
            gate = asyncio.Semaphore(self.parallel)

            async def guarded(item):
                async with gate:
                    return await self.tag_one(item)

            done.extend(await asyncio.gather(*[guarded(item) for item in part]))  # expect-not: unbounded-fanout
        return done
