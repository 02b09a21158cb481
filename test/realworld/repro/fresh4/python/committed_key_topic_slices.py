# realworld repro (positive + negative): hardcoded-api-key -- a full key committed as api_key= in Anthropic(...);
# batchable-fanout -- an offline script that sends one create per topic x reader-age prompt, in slices of ten sent
# one by one, and saves a CSV after each slice; naive-retry look-alike -- the per-prompt except prints, pauses and
# moves on (nothing is re-sent)
# source: RallerR/02445_project API_claude.py:7
# source: RallerR/02445_project API_claude.py:49
# source: RallerR/02445_project API_claude.py:44
import csv
import time

import anthropic

client = anthropic.Anthropic(api_key="sk-ant-api03-FAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEfakeAA")  # expect: hardcoded-api-key

READERS = [8, 30, 70]
SLICE = 10

with open("subjects.csv") as f:
    subjects = [row["Subject"] for row in csv.DictReader(f)]

prompts = [(age, s, f"I am {age}. Please explain {s} to me.") for s in subjects for age in READERS]

rows = []
for start in range(0, len(prompts), SLICE):
    for age, subject, text in prompts[start : start + SLICE]:  # expect-not: naive-retry
        try:
            reply = client.messages.create(  # expect: batchable-fanout
                model="claude-sonnet-4-5",
                max_tokens=512,
                messages=[{"role": "user", "content": text}],
            )
            rows.append({"age": age, "subject": subject, "answer": reply.content[0].text})
            time.sleep(1)
        except Exception as exc:
            print(f"failed: {exc}")
            time.sleep(3)
    with open("explanations.csv", "w", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=["age", "subject", "answer"])
        writer.writeheader()
        writer.writerows(rows)
