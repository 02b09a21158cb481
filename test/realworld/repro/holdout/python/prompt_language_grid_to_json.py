# realworld repro (positive + negative): batchable-fanout -- a CLI walks prompts x languages x runs,
# one create each through a local function built from a params dict, and writes every reply to its own
# JSON file; the inner loop's except logs and moves on (no retry)
# source: camelbal-ship-it/crosslingual-claude-eval scripts/collect_responses.py:63
# source: camelbal-ship-it/crosslingual-claude-eval scripts/collect_responses.py:143
import json
import time
from pathlib import Path

import anthropic

MODEL = "claude-sonnet-4-6"
OUT = Path("out")


def ask(client, text):
    params = dict(model=MODEL, max_tokens=800, messages=[{"role": "user", "content": text}])
    reply = client.messages.create(**params)  # expect: batchable-fanout
    return {"text": reply.content[0].text, "tokens": reply.usage.output_tokens}


def store(path, record):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(record, fh, ensure_ascii=False)


def main():
    battery = json.loads(Path("battery.json").read_text(encoding="utf-8"))
    client = anthropic.Anthropic()
    for item in battery["prompts"]:
        for lang, text in item["translations"].items():
            for run in range(1, 4):  # expect-not: naive-retry
                target = OUT / item["id"] / f"{lang}_{run}.json"
                try:
                    store(target, {"lang": lang, "run": run, "answer": ask(client, text)})
                except Exception as err:
                    print(f"failed {item['id']} {lang} {run}: {err}")
                time.sleep(1.0)


if __name__ == "__main__":
    main()
