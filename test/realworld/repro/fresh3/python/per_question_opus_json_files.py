# realworld repro (positive): batchable-fanout -- an offline script (__main__) that sends one Opus
# messages.create per entry of a question table (dozens of entries) and writes each answer to its own JSON file,
# one hop above the call
# source: SimonDL94/llm-models-pandas-blog anthropic_api.py:20
import json

import anthropic
import yaml

TASKS = {
    "t1": "Write a function that fills gaps in a daily time series by carrying the last value forward.",
    "t2": "Write a function that computes a rolling median over a seven-row window.",
    "t3": "Write a function that one-hot encodes two categorical columns at once.",
    "t4": "Write a function that merges two frames on the nearest earlier timestamp.",
    "t5": "Write a function that flags rows whose value is more than three deviations from the mean.",
    "t6": "Write a function that pivots a long frame into a wide one with two index levels.",
    "t7": "Write a function that bins ages into five equal-width groups and counts each group.",
    "t8": "Write a function that drops duplicate rows judged by three chosen columns.",
    "t9": "Write a function that computes month-end totals from daily sales.",
    "t10": "Write a function that computes the percentage change of each column.",
    "t11": "Write a function that stratifies a sample by a category column.",
    "t12": "Write a function that replaces negative values with the column median.",
}


def read_key():
    with open("secrets.yaml") as fh:
        return yaml.safe_load(fh)["ANTHROPIC_KEY"]


def answer(task, model="claude-3-opus-20240229"):
    api = anthropic.Anthropic(api_key=read_key())
    reply = api.messages.create(  # expect: batchable-fanout
        model=model,
        max_tokens=1000,
        temperature=0,
        messages=[{"role": "user", "content": [{"type": "text", "text": task}]}],
    )
    return reply.content[0].text


def save(task, text, name):
    with open("answers/" + name, "w") as fh:
        fh.write(json.dumps({"prompt": task, "output": text}, indent=4))


def run_all():
    for key, task in TASKS.items():
        prompt = "Give me complete, working pandas code for this: " + task
        save(prompt, answer(prompt), key + ".json")


if __name__ == "__main__":
    run_all()
