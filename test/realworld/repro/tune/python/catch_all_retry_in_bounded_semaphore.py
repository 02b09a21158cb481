# realworld repro (positive + negative): naive-retry -- inside a BoundedSemaphore, for i in
# range(attempts) around create, except Exception and sleep(1.5 ** i); a batch polling loop is not
# an error retry, and counting "Prompt blocked" in logged failures is not a rate-limit test
# source: safety-research/safety-tooling safetytooling/apis/inference/anthropic.py:240
# source: safety-research/safety-tooling safetytooling/apis/inference/anthropic.py:376
# source: safety-research/safety-tooling safetytooling/apis/inference/anthropic.py:290
import asyncio

import anthropic


class ChatRunner:
    def __init__(self, slots: int):
        self.client = anthropic.AsyncAnthropic()
        self.slots = asyncio.BoundedSemaphore(slots)

    async def ask(self, model, turns, attempts=6):
        failures = []
        reply = None
        async with self.slots:
            for i in range(attempts):  # expect: naive-retry
                try:
                    reply = await self.client.messages.create(model=model, max_tokens=1500, messages=turns)
                except anthropic.NotFoundError:
                    raise
                except Exception as exc:
                    failures.append(f"{type(exc).__name__}: {exc}")
                    await asyncio.sleep(1.5**i)
                else:
                    break
        if reply is None:
            blocked = len([f for f in failures if "Prompt blocked" in f])  # expect-not: string-matched-error
            return {"reply": None, "blocked": blocked}
        return {"reply": reply}

    async def wait_for_batch(self, batch_id):
        while True:  # expect-not: naive-retry
            batch = await self.client.messages.batches.retrieve(batch_id)
            if batch.processing_status == "ended":
                return batch
            await asyncio.sleep(60)
