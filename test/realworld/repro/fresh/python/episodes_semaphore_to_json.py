# realworld repro (positive + negative): batchable-fanout -- an offline script annotates every episode with
# one create each (the fan-out is bounded by a semaphore, so it is not unbounded) and hands the gathered
# results to a same-file helper that writes them to JSON
# source: agencyenterprise/endogenous-steering-resistance experiment_09_activation_stats/annotate_boundaries.py:116
# source: agencyenterprise/endogenous-steering-resistance experiment_09_activation_stats/annotate_boundaries.py:247
import argparse
import asyncio
import json

import anthropic


class Annotator:
    def __init__(self, limit=20):
        self.client = anthropic.AsyncAnthropic()
        self.gate = asyncio.Semaphore(limit)

    async def annotate(self, episode):
        async with self.gate:
            try:
                reply = await self.client.messages.create(  # expect: batchable-fanout
                    model="claude-sonnet-4-5",
                    max_tokens=1024,
                    messages=[{"role": "user", "content": f"Mark where the text corrects itself:\n{episode['text']}"}],
                )
                return {"id": episode["id"], "note": reply.content[0].text}
            except Exception as err:
                return {"id": episode["id"], "note": f"error: {err}"}


def store(notes, path):
    with open(path, "w") as out:
        json.dump(notes, out, indent=2)


async def annotate_file(source, target, limit):
    with open(source) as f:
        episodes = json.load(f)["episodes"]
    worker = Annotator(limit)
    notes = await asyncio.gather(*[worker.annotate(e) for e in episodes])  # expect-not: unbounded-fanout
    store(notes, target)


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=20)
    args = parser.parse_args()
    await annotate_file("episodes.json", "episodes_annotated.json", args.limit)


if __name__ == "__main__":
    asyncio.run(main())
