# realworld repro (positive): batchable-fanout -- a __main__ loop over essay files; each essay goes through
# two local helpers to one create (a rubric image plus the essay), and the scores are written as CSV rows
# source: charlottezhu1/LLM_Essay_Grader run_claude.py:24
import csv
import json
import os

from anthropic import Anthropic

api = Anthropic()
RUBRIC_PNG = "iVBORw0KGgoFAKEIMAGE"


def ask_json(messages, model="claude-sonnet-4-5", limit=1000):
    try:
        reply = api.messages.create(  # expect: batchable-fanout
            model=model,
            max_tokens=limit,
            temperature=1,
            messages=messages,
        )
        return json.loads(reply.content[0].text)
    except Exception as exc:
        print(f"grading failed: {exc}")
        raise


def grade(text):
    return ask_json(
        [
            {
                "role": "user",
                "content": [
                    {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": RUBRIC_PNG}},
                    {"type": "text", "text": text},
                ],
            }
        ]
    )


if __name__ == "__main__":
    folder = "./submissions"
    with open("./grades.csv", "w", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["id", "structure", "argument", "style", "total", "remark"])
        for name in os.listdir(folder):
            if not name.endswith(".txt"):
                continue
            essay = open(os.path.join(folder, name)).read()
            marks = grade(f"Grade this essay against the rubric and return JSON.\n\n{essay}")
            total = marks["structure"] + marks["argument"] + marks["style"]
            out.writerow([name, marks["structure"], marks["argument"], marks["style"], total, marks["remark"]])
