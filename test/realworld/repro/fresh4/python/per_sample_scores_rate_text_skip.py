# realworld repro (positive + negative): string-matched-error -- `"rate" not in str(e).lower()` decides whether a
# failed sample is tried again (a rate limit told apart by its message text); naive-retry look-alike -- that retry
# by recursion skips every error whose text mentions 'rate', so 429s are not re-sent; string-matched-error
# look-alike -- a 'credit' / 'billing' text test that stops the run; batchable-fanout and model-routing -- an offline
# job with independent Sonnet calls (max_tokens 100 and 50) per sample, results appended to a JSONL file
# source: kkj4534/red_heart_full_backup claude_api_preprocessing/claude_complete_preprocessor.py:408
# source: kkj4534/red_heart_full_backup claude_api_preprocessing/claude_complete_preprocessor.py:411
# source: kkj4534/red_heart_full_backup claude_api_preprocessing/claude_complete_preprocessor.py:234
# source: kkj4534/red_heart_full_backup claude_api_preprocessing/claude_complete_preprocessor.py:200
# source: kkj4534/red_heart_full_backup claude_api_preprocessing/claude_complete_preprocessor.py:246
import asyncio
import json
import re

from anthropic import Anthropic

PROMPTS = {
    "tone": "Rate the tone of the text as three numbers (warm, neutral, cold) in a JSON list.",
    "urgency": "Rate how urgent the text sounds from 0 to 10. Reply with the number only.",
}


class Annotator:
    def __init__(self):
        self.client = Anthropic()

    async def tone(self, text):
        try:
            reply = self.client.messages.create(  # expect: batchable-fanout, model-routing
                model="claude-sonnet-4-5",
                max_tokens=100,
                system=PROMPTS["tone"],
                messages=[{"role": "user", "content": text}],
            )
            found = re.search(r"\[[\d.,\s]+\]", reply.content[0].text)
            return json.loads(found.group()) if found else None
        except Exception as e:
            if "credit" in str(e).lower() or "billing" in str(e).lower():  # expect-not: string-matched-error
                raise SystemExit("out of credit")
            raise

    async def urgency(self, text):
        try:
            reply = self.client.messages.create(  # expect: batchable-fanout, model-routing
                model="claude-sonnet-4-5",
                max_tokens=50,
                system=PROMPTS["urgency"],
                messages=[{"role": "user", "content": text}],
            )
            digits = re.findall(r"\d+", reply.content[0].text)
            return int(digits[0]) / 10 if digits else 0.5
        except Exception:
            return 0.5

    async def annotate(self, sample, tries=0):
        try:
            tone = await self.tone(sample["text"])
            if not tone:
                raise ValueError("no tone")
            return {"id": sample["id"], "tone": tone, "urgency": await self.urgency(sample["text"])}
        except Exception as e:
            if tries < 3 and "rate" not in str(e).lower():  # expect: string-matched-error
                await asyncio.sleep(5)
                return await self.annotate(sample, tries + 1)  # expect-not: naive-retry
            return None

    async def run(self, samples, path="annotated.jsonl"):
        with open(path, "a") as out:
            for sample in samples:
                row = await self.annotate(sample)
                if row:
                    out.write(json.dumps(row) + "\n")


if __name__ == "__main__":
    with open("inbox.jsonl") as f:
        asyncio.run(Annotator().run([json.loads(line) for line in f]))
