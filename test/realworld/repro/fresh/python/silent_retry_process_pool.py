# realworld repro (positive): naive-retry and unbounded-fanout -- a grading worker re-sends its create up
# to 50 times at once, swallowing every exception with pass, and the script maps it over every answer
# with a 64-process multiprocessing pool
# source: xlang-ai/BRIGHT eval_claude.py:28
# source: xlang-ai/BRIGHT eval_claude.py:81
import json
import multiprocessing as mp
import os

from anthropic import AnthropicVertex

grader = AnthropicVertex(region="us-east5", project_id="demo-project")


def grade(item):
    attempts = 0
    while attempts < 50:  # expect: naive-retry
        try:
            attempts += 1
            reply = grader.messages.create(
                model="claude-sonnet-4-5@20250929",
                max_tokens=1024,
                messages=[{"role": "user", "content": f"Q: {item['q']}\nA: {item['a']}\nScore 0-100, number only."}],
            )
            return float(reply.content[0].text.strip())
        except Exception:
            pass


if __name__ == "__main__":
    items = [json.load(open(os.path.join("answers", name))) for name in os.listdir("answers")]
    with mp.Pool(64) as pool:
        marks = []
        for mark in pool.imap_unordered(grade, items):  # expect: unbounded-fanout
            marks.append(mark)
    print(sum(m for m in marks if m is not None) / max(len(marks), 1))
