# realworld repro (positive): batchable-fanout -- an offline dataset generator: every question read from a JSONL
# file goes through a loop, two local calls down to one create each, and every answer is appended to an output
# JSONL with a fixed pause between items (no Message Batch)
# source: jonpojonpo/simple-syth-data-gen generate_with_claude.py:198
import json
import time
from pathlib import Path

import anthropic

STYLE = "You answer customer questions about a bicycle rental shop in two friendly sentences."


class AnswerWriter:
    def __init__(self):
        self.client = anthropic.Anthropic()

    def _ask_claude(self, question, model):
        try:
            reply = self.client.messages.create(  # expect: batchable-fanout
                model=model,
                max_tokens=600,
                system=STYLE,
                messages=[{"role": "user", "content": question}],
            )
            return reply.content[0].text
        except Exception as exc:
            return f"[failed: {exc}]"

    def answer(self, question, model="claude-haiku-4-5"):
        return self._ask_claude(question, model)

    def run(self, source="questions.jsonl", target="answers.jsonl", pause=1.0):
        questions = [json.loads(line)["q"] for line in Path(source).read_text().splitlines() if line.strip()]
        for n, question in enumerate(questions, 1):
            row = {"question": question, "answer": self.answer(question)}
            with open(target, "a", encoding="utf-8") as out:
                out.write(json.dumps(row) + "\n")
            print(f"{n}/{len(questions)} done")
            time.sleep(pause)


if __name__ == "__main__":
    AnswerWriter().run()
