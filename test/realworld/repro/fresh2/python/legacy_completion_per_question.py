# realworld repro (negative): batchable-fanout -- a per-question evaluation loop that writes JSONL, but each
# call is a legacy Text Completions request, which the Message Batches API does not take
# source: wenhuchen/TheoremQA run_claude.py:34
import json
import os

from anthropic import AI_PROMPT, HUMAN_PROMPT, Anthropic


def solve(question):
    api = Anthropic(api_key=os.environ["THEOREM_CLAUDE_KEY"])
    out = api.completions.create(  # expect-not: batchable-fanout
        model="claude-2.1",
        max_tokens_to_sample=1024,
        prompt=f"{HUMAN_PROMPT} Question: {question}\nThink step by step.{AI_PROMPT}",
    )
    return out.completion


def main():
    with open("theorems.json") as fh:
        items = json.load(fh)
    with open("outputs/claude_answers.jsonl", "w") as sink:
        for item in items:
            reasoning = solve(item["Question"])
            sink.write(json.dumps({"id": item["id"], "rationale": reasoning}) + "\n")


if __name__ == "__main__":
    main()
