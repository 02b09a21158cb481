# realworld repro (positive + negative): naive-retry -- tenacity.retry with a fixed 0.1 s wait and 10 attempts (any
# exception) on a method whose create runs on a client that keeps the SDK's retries; unbounded-fanout look-alike --
# asyncio.gather over slices of three items with a pause between slices; model-routing look-alike -- Sonnet at
# max_tokens=300, above the 256 line
# source: elimoss/wellread src/summarizer.py:14
# source: elimoss/wellread src/summarizer.py:77
# source: elimoss/wellread src/summarizer.py:40
import asyncio

import tenacity
from anthropic import Anthropic


class DigestWriter:
    def __init__(self, key: str, model: str = "claude-sonnet-4-5"):
        self.client = Anthropic(api_key=key)
        self.model = model

    @tenacity.retry(  # expect: naive-retry
        wait=tenacity.wait_fixed(0.1),
        stop=tenacity.stop_after_attempt(10),
        reraise=True,
    )
    async def digest_one(self, entry: dict, interests: list[str]) -> str:
        text = (
            f"Title: {entry.get('title', '')}\nBody:\n{entry.get('body', '')}\n\n"
            f"Interests: {', '.join(interests)}\nGive the lead author and three one-line bullets."
        )
        loop = asyncio.get_event_loop()
        reply = await loop.run_in_executor(
            None,
            lambda: self.client.messages.create(  # expect-not: model-routing
                model="claude-sonnet-4-5",
                max_tokens=300,
                messages=[{"role": "user", "content": text}],
            ),
        )
        return reply.content[0].text

    async def digest_all(self, entries: list[dict], interests: list[str], width: int = 3) -> list[dict]:
        out = []
        for i in range(0, len(entries), width):
            part = entries[i : i + width]
            texts = await asyncio.gather(*[self.digest_one(e, interests) for e in part])  # expect-not: unbounded-fanout
            out.extend({**e, "digest": t} for e, t in zip(part, texts))
            if i + width < len(entries):
                await asyncio.sleep(1)
        return out
