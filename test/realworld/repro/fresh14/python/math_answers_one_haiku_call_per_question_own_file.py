# realworld repro (positive + negative): batchable-fanout -- a top-level script walks a question set from a given
# index and sends one Claude 3 Haiku request per question through a same-file helper that builds a default client
# each time, writing every answer to its own text file and pacing the loop to a requests-per-minute figure;
# look-alikes: the try around the whole loop prints the index and re-raises (no re-send), the unused client carries a
# placeholder key, and the short system prompt is far below any cache minimum
# source: mapreader4/spar-synthetic-data gen_claude_haiku.py:22
# source: mapreader4/spar-synthetic-data gen_claude_haiku.py:45
# source: mapreader4/spar-synthetic-data gen_claude_haiku.py:16
import os
import time

import anthropic

PER_MINUTE = 3000
GAP = 60 / PER_MINUTE

unused = anthropic.Anthropic(api_key="put-your-key-here")  # expect-not: hardcoded-api-key

INSTRUCTIONS = "Work the arithmetic problem step by step and finish with 'Result: <integer>'."


def solve(question: str) -> str:
    reply = anthropic.Anthropic().messages.create(  # expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, retries-disabled
        model="claude-3-haiku-20240307",
        system=INSTRUCTIONS,
        max_tokens=4096,
        messages=[{"role": "user", "content": question}],
    )
    return reply.content[0].text


with open("questions.txt", encoding="utf-8") as f:
    questions = [line.strip() for line in f if line.strip()]

os.makedirs("answers", exist_ok=True)
start_at = 120

try:
    for n, q in enumerate(questions[start_at:], start=start_at):  # expect-not: naive-retry
        began = time.time()
        text = solve(q)
        with open(os.path.join("answers", f"answer_{n:05d}.txt"), "w", encoding="utf-8") as out:
            out.write(text)
        spent = time.time() - began
        if spent < GAP:
            time.sleep(GAP - spent)
except Exception as exc:
    print(f"stopped at {n}: {exc}")
    raise
