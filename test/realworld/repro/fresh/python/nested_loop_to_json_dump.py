# realworld repro (positive): batchable-fanout -- a script's top-level loop over model names calls a
# function that walks every benchmark instruction with one create each (through a helper that logs errors),
# and the collected outputs are written with json.dump at top level
# source: uwsbel/PyChronoBench claude_inference.py:25
import json

import anthropic

client = anthropic.Anthropic()
MODELS = {"sonnet": "claude-sonnet-4-5"}


def solve(instruction, model):
    try:
        reply = client.messages.create(  # expect: batchable-fanout
            model=model,
            messages=[{"role": "user", "content": f"You are a simulation expert. {instruction}"}],
            temperature=0.1,
            max_tokens=1024,
        )
        return reply.content[0].text
    except Exception as err:
        return str(err)


def solve_all(rows, model):
    kept = []
    for row in rows:
        kept.append({"instruction": row["instruction"], "output": solve(row["instruction"], model)})
    return kept


for name, model in MODELS.items():
    with open("bench.json", encoding="utf-8") as f:
        rows = json.load(f)
    outputs = solve_all(rows, model)
    with open(f"{name}.json", "w", encoding="utf-8") as out:
        json.dump(outputs, out, indent=2)
