# realworld repro (positive + negative): a `while result is None and tries < limit` loop around
# Claude with a catch-all and a linear sleep (naive-retry), next to the same loop around an
# OpenAI client (not a Claude call)
# source: OpenAutoCoder/Agentless agentless/util/api_requests.py:142
# source: OpenAutoCoder/Agentless agentless/util/api_requests.py:64
import time

import anthropic
import openai


def ask_openai(payload, limit=20):
    result = None
    tries = 0
    client = openai.OpenAI()
    while result is None and tries < limit:  # expect-not: naive-retry
        try:
            result = client.chat.completions.create(**payload)
        except openai.OpenAIError:
            time.sleep(5)
        tries += 1
    return result


def ask_claude(payload, limit=20):
    result = None
    tries = 0
    client = anthropic.Anthropic()
    while result is None and tries < limit:  # expect: naive-retry
        try:
            result = client.messages.create(**payload)
        except Exception:
            time.sleep(8 * tries)
        tries += 1
    return result
