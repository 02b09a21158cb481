# realworld repro (positive + negative): batchable-fanout -- an offline LLM-as-judge scores every sample of a JSONL
# file with one Haiku create each (one local call down) and rewrites the scored JSONL inside the loop;
# naive-retry look-alike -- the except returns a zero score, nothing is sent again
# source: jonpojonpo/simple-syth-data-gen score_training_data.py:128
# source: jonpojonpo/simple-syth-data-gen score_training_data.py:182
import json
from pathlib import Path

import anthropic

JUDGE = "Score this product review reply from 1 to 10 for politeness and accuracy. Reply as JSON with score and note."


class ReplyJudge:
    def __init__(self, model="claude-haiku-4-5"):
        self.client = anthropic.Anthropic()
        self.model = model

    def score(self, review, reply):
        try:
            message = self.client.messages.create(  # expect: batchable-fanout
                model=self.model,
                max_tokens=400,
                system=JUDGE,
                messages=[{"role": "user", "content": f"Review:\n{review}\n\nReply:\n{reply}"}],
            )
            return json.loads(message.content[0].text)
        except Exception as exc:  # expect-not: naive-retry
            print("judge failed:", exc)
            return {"score": 0, "note": str(exc)}

    def score_file(self, source="replies.jsonl", target="replies_scored.jsonl"):
        rows = [json.loads(line) for line in Path(source).read_text().splitlines() if line.strip()]
        scored = []
        for row in rows:
            scored.append({**row, "judge": self.score(row["review"], row["reply"])})
            Path(target).write_text("".join(json.dumps(r) + "\n" for r in scored))


if __name__ == "__main__":
    ReplyJudge().score_file()
