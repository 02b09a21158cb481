# realworld repro (positive + negative): naive-retry -- an async client method resends the create up to a configured
# number of times; its anthropic.APIError handler and a catch-all handler both sleep a fixed configured delay and loop,
# never reading retry-after; batchable-fanout look-alike -- one create per batch handed in by a caller elsewhere
# source: XproTeamGroup/category_matching src/claude_client.py:29
# source: XproTeamGroup/category_matching src/claude_client.py:33
import asyncio
import json
import os

import anthropic

TRIES = int(os.environ.get("MATCH_TRIES", "3"))
PAUSE = float(os.environ.get("MATCH_PAUSE", "2"))
MATCHER_SYSTEM = "Map each incoming product group to the closest catalogue node. Reply with JSON {matches: []}."


class GroupMatcher:
    def __init__(self, key: str | None = None):
        self.client = anthropic.Anthropic(api_key=key or os.environ.get("MATCHER_KEY"))

    async def match(self, catalogue: list[str], incoming: list[str]) -> dict:
        text = "Catalogue:\n" + "\n".join(catalogue) + "\n\nIncoming:\n" + "\n".join(incoming)
        for attempt in range(TRIES):  # expect: naive-retry
            try:
                reply = self.client.messages.create(  # expect-not: batchable-fanout
                    model="claude-sonnet-4-5",
                    max_tokens=4000,
                    system=MATCHER_SYSTEM,
                    messages=[{"role": "user", "content": text}],
                )
                return json.loads(reply.content[0].text)
            except anthropic.APIError as err:
                print(f"attempt {attempt + 1} failed: {err}")
                if attempt < TRIES - 1:
                    await asyncio.sleep(PAUSE)
                else:
                    raise
            except Exception as err:
                print(f"attempt {attempt + 1} broke: {err}")
                if attempt < TRIES - 1:
                    await asyncio.sleep(PAUSE)
                else:
                    raise
        return {"matches": []}
