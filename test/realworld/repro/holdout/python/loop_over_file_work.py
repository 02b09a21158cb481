# realworld repro (negative): naive-retry -- a while-not-done loop that retries reading and tallying
# a results file; the Claude call sits in a helper that swallows its own errors
# source: TIGER-AI-Lab/MMLU-Pro evaluate_from_api.py:248
import json
import os
import time

import anthropic

client = anthropic.Anthropic()


def ask(question):
    try:
        reply = client.messages.create(model="claude-sonnet-4-5", max_tokens=1000, messages=[{"role": "user", "content": question}])
        return reply.content[0].text
    except Exception as err:
        print("error", err)
        return None


def tally(path, question):
    done = False
    rows = []
    while not done:  # expect-not: naive-retry
        try:
            if os.path.exists(path):
                with open(path) as f:
                    rows = json.load(f)
            rows.append({"q": question, "a": ask(question)})
            done = True
        except Exception as err:
            print("Error", err, "waiting 2 seconds")
            time.sleep(2)
    return rows
