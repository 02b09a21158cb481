# realworld repro (negative): naive-retry -- a loop that retries only InternalServerError (500), never a 429
# source: DRMacIver/foundational-llm-evals src/foundationevals/chatbots/claude.py:15
import time

from anthropic import Anthropic, InternalServerError


class Assistant:
    def __init__(self):
        self.api = Anthropic()

    def reply(self, history):
        for left in range(3, -1, -1):  # expect-not: naive-retry
            try:
                answer = self.api.messages.create(model="claude-sonnet-4-5", max_tokens=400, messages=history)
                return answer.content[0].text
            except InternalServerError:
                if left == 0:
                    raise
                time.sleep(1)
        raise RuntimeError("unreachable")
