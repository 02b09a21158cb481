# realworld repro (positive): naive-retry + string-matched-error -- a module-level helper retries
# create(**params) in a for loop: except Exception, the lowered error text is tested for rate-limit
# words, then a doubling sleep; retry-after is never read
# source: Binary-Insights/Prompt2Mesh src/blender/blender_agent.py:32
# source: Binary-Insights/Prompt2Mesh src/blender/blender_agent.py:37
import os
import time

from anthropic import Anthropic

ATTEMPTS = int(os.getenv("SCENE_ATTEMPTS", "4"))
FIRST_PAUSE = 10


def ask_with_patience(client, **params):
    for turn in range(ATTEMPTS):  # expect: naive-retry
        try:
            return client.messages.create(**params)
        except Exception as exc:
            text = str(exc).lower()
            limited = "rate_limit" in text or "429" in text  # expect: string-matched-error
            if limited and turn < ATTEMPTS - 1:
                time.sleep(FIRST_PAUSE * (2**turn))
            else:
                raise


class SceneHelper:
    def __init__(self):
        self.client = Anthropic()
        self.history = []

    def say(self, words):
        self.history.append({"role": "user", "content": words})
        reply = ask_with_patience(self.client, model="claude-sonnet-4-5", max_tokens=2048, messages=self.history)
        self.history.append({"role": "assistant", "content": reply.content})
        return reply
