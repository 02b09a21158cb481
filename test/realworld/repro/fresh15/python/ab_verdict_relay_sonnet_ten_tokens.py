# realworld repro (negative): model-routing, batchable-fanout -- an experiment runs ten rounds; each round draws a
# strategy from weights the previous verdicts updated, asks another provider for two answers, then posts a raw
# urllib request to a relay's /v1/messages where Claude 3.5 Sonnet at max_tokens 10 picks A or B; the measured model is
# the subject of the study and each request depends on the earlier answers; a per-round handler prints and moves on
# source: aidless/aettl-research run_claude.py:33
# source: aidless/aettl-research run_claude.py:22
# source: aidless/aettl-research run_claude.py:8
import json
import random
import time
import urllib.request

RELAY_KEY = "<scrubbed>"  # expect-not: hardcoded-api-key
STYLES = {"plain": "Answer plainly.", "steps": "Reason step by step.", "doubt": "Answer, then check."}
TASKS = ["2+3*4=?", "Name a sorting algorithm.", "Why is the sky blue?"]


def other_model(style, question):
    return f"[{style}] draft answer to {question}"


weights = {k: 1 / len(STYLES) for k in STYLES}
for rnd in range(10):  # expect-not: naive-retry, unbounded-fanout
    question = TASKS[rnd % len(TASKS)]
    style = random.choices(list(weights), weights=list(weights.values()))[0]
    try:
        first, second = other_model(style, question), other_model("steps", question)
        ask = f"Task: {question}\nA: {first}\nB: {second}\nReply with A or B only."
        body = json.dumps({"model": "claude-3-5-sonnet", "max_tokens": 10, "messages": [{"role": "user", "content": ask}]})
        req = urllib.request.Request("https://relay.example.net/v1/messages", data=body.encode(), method="POST")
        req.add_header("Authorization", "Bearer " + RELAY_KEY)
        verdict = json.loads(urllib.request.urlopen(req, timeout=25).read())["content"][0]["text"]  # expect-not: model-routing, batchable-fanout, missing-max-tokens, uncached-prompt
        weights[style] += 0.08 if verdict.strip().upper().startswith("A") else -0.04
        total = sum(weights.values())
        weights = {k: v / total for k, v in weights.items()}
        time.sleep(0.5)
    except Exception as err:
        print(rnd, "error", str(err)[:60])
print(max(weights, key=weights.get))
