# realworld repro (positive + negative): naive-retry and batchable-fanout -- a script walks a grid of
# country x topic tasks, one create per task through a helper that retries every exception with a doubling
# wait (retry-after never read), and writes the rows with to_csv; the key is a placeholder string
# source: egkim68/citation_bias_geography claude_api.py:48
# source: egkim68/citation_bias_geography claude_api.py:50
# source: egkim68/citation_bias_geography claude_api.py:11
import time

import pandas as pd
from anthropic import Anthropic

client = Anthropic(api_key="put_key_here")  # expect-not: hardcoded-api-key
PLACES = ["Chile", "Ghana", "Nepal", "Peru", "Norway", "Japan", "Egypt", "Canada", "Vietnam", "Kenya"]
TOPICS = {
    "search": "How do people search for health news in {p}?",
    "share": "How is news shared in {p}?",
    "trust": "Which news sources are trusted in {p}?",
}
JOBS = [(p, t, q.format(p=p)) for p in PLACES for t, q in TOPICS.items()]


def ask(question, tries=3, pause=3):
    for n in range(tries):  # expect: naive-retry
        try:
            reply = client.messages.create(  # expect: batchable-fanout
                model="claude-haiku-4-5",
                max_tokens=1500,
                messages=[{"role": "user", "content": question}],
            )
            return reply.content[0].text
        except Exception as err:
            if n < tries - 1:
                print(f"retrying in {pause}s: {err}")
                time.sleep(pause)
                pause *= 2
            else:
                return None


def main():
    rows = []
    for place, topic, question in JOBS:
        rows.append({"place": place, "topic": topic, "answer": ask(question)})
        pd.DataFrame(rows).to_csv("answers.csv", index=False)
        time.sleep(1)


if __name__ == "__main__":
    main()
