# realworld repro (positive + negative): an eval harness: a for-range loop around Claude that
# sleeps a fixed interval on APIError (naive-retry), the same loop around OpenAI (not Claude),
# and a pool capped by configuration (not unbounded-fanout)
# source: lm-sys/arena-hard-auto utils.py:184
# source: lm-sys/arena-hard-auto utils.py:108
# source: lm-sys/FastChat fastchat/serve/monitor/classify/label.py:388
# source: lm-sys/FastChat fastchat/serve/monitor/classify/label.py:106
# source: lm-sys/FastChat fastchat/serve/monitor/classify/label.py:57
# source: lm-sys/arena-hard-auto BenchBuilder/label.py:107
# source: lm-sys/arena-hard-auto BenchBuilder/label.py:58
# source: lm-sys/arena-hard-auto BenchBuilder/label.py:315
# source: lm-sys/arena-hard-auto utils.py:145
import concurrent.futures
import time

import anthropic
import openai

RETRIES = 12
PAUSE = 10
FAILED = "$ERROR$"


def openai_answer(model, turns):
    out = FAILED
    for _ in range(RETRIES):  # expect-not: naive-retry
        try:
            out = openai.OpenAI().chat.completions.create(model=model, messages=turns).choices[0].message.content
            break
        except openai.RateLimitError:
            time.sleep(PAUSE)
    return out


def claude_answer(model, turns, limit):
    out = FAILED
    for _ in range(RETRIES):  # expect: naive-retry
        try:
            c = anthropic.Anthropic()
            out = c.messages.create(model=model, max_tokens=limit, messages=turns).content[0].text
            break
        except anthropic.APIError as e:
            print(type(e), e)
            time.sleep(PAUSE)
    return out


def run_all(rows, settings):
    with concurrent.futures.ThreadPoolExecutor(max_workers=settings["parallel"]) as pool:
        futures = []
        for row in rows:
            futures.append(pool.submit(claude_answer, settings["model"], row, 512))  # expect-not: unbounded-fanout
        return [f.result() for f in futures]
