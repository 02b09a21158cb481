# realworld repro (positive): naive-retry -- while True: RateLimitError -> sleep(2 ** n), no jitter, no cap, no retry-after
# source: openai/simple-evals sampler/claude_sampler.py:68
import time

import anthropic


class Sampler:
    def __init__(self, model, limit=1024):
        self.client = anthropic.Anthropic()
        self.model = model
        self.limit = limit

    def __call__(self, turns):
        n = 0
        while True:  # expect: naive-retry
            try:
                reply = self.client.messages.create(model=self.model, max_tokens=self.limit, messages=turns)
                return reply.content[0].text
            except anthropic.RateLimitError as err:
                wait = 2**n
                print(f"rate limited, retry {n} in {wait}s", err)
                time.sleep(wait)
                n += 1
