# realworld repro (positive + negative): batchable-fanout -- a one-off async script collects the names still
# missing a category, cuts them into chunks of 40 and sends one create per chunk, writing each parsed answer back
# with update_many per name; look-alikes: a Haiku id with 2,500 tokens, no system prompt (instructions in an
# f-string user turn), the chunk loop's catch-all prints and moves on (no retry), default client with the key from
# the environment
# source: mikechavez/crypto-news-aggregator scripts/classify_existing_entities.py:66
# source: mikechavez/crypto-news-aggregator scripts/classify_existing_entities.py:40
# source: mikechavez/crypto-news-aggregator scripts/classify_existing_entities.py:95
import asyncio
import json
import os

from anthropic import Anthropic
from motor.motor_asyncio import AsyncIOMotorClient


async def main():
    mongo = AsyncIOMotorClient(os.getenv("MONGO_URL"))
    db = mongo["ledger"]
    docs = await db.token_mentions.find({"category": {"$exists": False}}).to_list(None)
    names = sorted({d["name"] for d in docs})
    claude = Anthropic(api_key=os.getenv("ANTHROPIC_API_KEY"))  # expect-not: retries-disabled, hardcoded-api-key

    for start in range(0, len(names), 40):  # expect-not: naive-retry
        chunk = names[start:start + 40]
        ask = f"""Give each name a category: coin, exchange, fund, person or place.
Answer with a JSON object mapping each name to its category.

Names: {json.dumps(chunk)}"""
        try:
            reply = claude.messages.create(  # expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens, unbounded-fanout
                model="claude-3-5-haiku-20241022",
                max_tokens=2500,
                messages=[{"role": "user", "content": ask}],
            )
            mapping = json.loads(reply.content[0].text.strip())
            for name, category in mapping.items():
                await db.token_mentions.update_many({"name": name}, {"$set": {"category": category}})
        except Exception as err:  # expect-not: string-matched-error
            print(f"chunk at {start} failed: {err}")
            continue

    mongo.close()


if __name__ == "__main__":
    asyncio.run(main())
