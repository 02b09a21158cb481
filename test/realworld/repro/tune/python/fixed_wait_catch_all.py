# realworld repro (positive): naive-retry -- five attempts, any exception, the same five-second pause
# source: EvolvingLMMs-Lab/lmms-eval lmms_eval/models/simple/claude.py:207
import time

import anthropic

PAUSE_SECONDS = 5


def describe_all(prompts):
    api = anthropic.Anthropic()
    texts = []
    for prompt in prompts:
        text = ""
        for attempt in range(5):  # expect: naive-retry
            try:
                reply = api.messages.create(model="claude-sonnet-4-5", max_tokens=300, messages=[{"role": "user", "content": prompt}])
                text = reply.content[0].text
                break
            except Exception as err:
                print(f"try {attempt + 1} failed: {err}")
                time.sleep(PAUSE_SECONDS)
        texts.append(text)
    return texts
