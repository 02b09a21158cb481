# realworld repro (positive + negative): naive-retry and batchable-fanout -- an evaluator asks Opus about
# every benchmark item in turn; its helper rebuilds the client and resends forever after a fixed 10 s on any
# exception; each turn the running report is written with json.dump by a same-file method; the key is a
# placeholder
# source: Dandelionym/llm_for_mechanisms eval_claude.py:41
# source: Dandelionym/llm_for_mechanisms eval_claude.py:43
# source: Dandelionym/llm_for_mechanisms eval_claude.py:44
import json
import time

import anthropic


class Evaluator:
    def __init__(self, items):
        self.items = items
        self.report = {"answers": [], "right": 0}

    def ask(self, question):
        while True:  # expect: naive-retry
            try:
                client = anthropic.Anthropic(api_key="sk-ant-xxxx")  # expect-not: hardcoded-api-key
                return client.messages.create(  # expect: batchable-fanout
                    model="claude-opus-4-1",
                    max_tokens=500,
                    messages=[{"role": "user", "content": question}],
                ).content[0].text
            except Exception as err:
                print("sleeping after error:", err)
                time.sleep(10)

    def save(self):
        with open("report.json", "w") as out:
            json.dump(self.report, out, indent=2)

    def run(self):
        for item in self.items:
            said = self.ask(item["question"])
            self.report["answers"].append({"id": item["id"], "said": said})
            self.report["right"] += int(item["answer"] in said)
            self.save()
            time.sleep(2)


if __name__ == "__main__":
    with open("items.json") as f:
        Evaluator(json.load(f)).run()
