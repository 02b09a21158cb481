# realworld repro (positive + negative): naive-retry -- retry by recursion: except RateLimitError sleeps a fixed
# 30 s and calls the method again (three times at most), retry-after never read; look-alike -- the APIError branch
# below it (RateLimitError is caught first) recurses only for server and connection errors; batchable-fanout and
# model-routing -- an offline job that sends one Sonnet call with max_tokens=100 per sample and appends each
# result to a JSONL file
# source: kkj4534/red_heart_full_backup claude_api_preprocessing/claude_emotion_preprocessor.py:158
# source: kkj4534/red_heart_full_backup claude_api_preprocessing/claude_emotion_preprocessor.py:165
# source: kkj4534/red_heart_full_backup claude_api_preprocessing/claude_emotion_preprocessor.py:122
import asyncio
import json
import re
import time

from anthropic import Anthropic, APIError, RateLimitError

SYSTEM = "Score the text for calm, joy and worry. Reply only with a JSON list of three numbers between 0 and 1."


class MoodScorer:
    def __init__(self):
        self.client = Anthropic()
        self.pace = 3.0
        self.last = 0.0

    async def pause(self):
        gap = time.time() - self.last
        if gap < self.pace:
            await asyncio.sleep(self.pace - gap)
        self.last = time.time()

    async def score(self, text, tries=0):
        await self.pause()
        try:
            reply = self.client.messages.create(  # expect: batchable-fanout, model-routing
                model="claude-sonnet-4-5",
                max_tokens=100,
                system=SYSTEM,
                messages=[{"role": "user", "content": text}],
            )
            found = re.search(r"\[[\d.,\s]+\]", reply.content[0].text)
            return json.loads(found.group()) if found else None
        except RateLimitError:
            await asyncio.sleep(30)
            if tries < 3:
                return await self.score(text, tries + 1)  # expect: naive-retry
        except APIError:
            if tries < 3:
                await asyncio.sleep(5)
                return await self.score(text, tries + 1)  # expect-not: naive-retry
        return None

    async def run(self, samples, path="moods.jsonl"):
        with open(path, "a") as out:
            for sample in samples:
                mood = await self.score(sample["text"])
                if mood:
                    out.write(json.dumps({"id": sample["id"], "mood": mood}) + "\n")


if __name__ == "__main__":
    with open("samples.jsonl") as f:
        asyncio.run(MoodScorer().run([json.loads(line) for line in f]))
