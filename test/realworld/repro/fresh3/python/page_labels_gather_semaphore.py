# realworld repro (positive + negative): batchable-fanout -- an offline script (__main__) that sends one vision
# messages.create per unlabelled page image (run in a thread) and json.dumps each result to a labels file one hop
# above the call; look-alikes -- asyncio.gather over every page whose callee enters an asyncio.Semaphore first, and a
# per-page except that only counts the error
# source: Maheedhar-rao/rocky label_parallel.py:69
# source: Maheedhar-rao/rocky label_parallel.py:217
# source: Maheedhar-rao/rocky label_parallel.py:151
import asyncio
import base64
import json
from pathlib import Path

import anthropic

SCANS = Path("scans")
OUT = Path("labels")
PROMPT = "List every line item on this invoice page as JSON: date, text, amount."


async def read_page(api, image, gate):
    async with gate:
        data = base64.standard_b64encode(image.read_bytes()).decode("utf-8")
        reply = await asyncio.to_thread(  # expect: batchable-fanout
            api.messages.create,
            model="claude-sonnet-4-5",
            max_tokens=4096,
            messages=[
                {
                    "role": "user",
                    "content": [
                        {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": data}},
                        {"type": "text", "text": PROMPT},
                    ],
                }
            ],
        )
        return json.loads(reply.content[0].text)


async def handle(api, gate, image, target, tally):
    try:
        result = await read_page(api, image, gate)
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "w") as fh:
            json.dump(result, fh, indent=2)
        tally["done"] += 1
    except Exception as exc:  # expect-not: naive-retry
        tally["failed"] += 1
        print(f"failed {image.name}: {exc}")


async def main(limit=10):
    api = anthropic.Anthropic()
    todo = []
    for image in sorted(SCANS.glob("*/page_*.png")):
        target = OUT / image.parent.name / (image.stem + ".json")
        if not target.exists():
            todo.append((image, target))
    gate = asyncio.Semaphore(limit)
    tally = {"done": 0, "failed": 0}
    await asyncio.gather(*[handle(api, gate, img, tgt, tally) for img, tgt in todo])  # expect-not: unbounded-fanout
    print(tally)


if __name__ == "__main__":
    asyncio.run(main())
