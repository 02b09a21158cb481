# realworld repro (positive + negative): a model wrapper whose retry loop is paced only by the base
# class's per-second limiter and never reads retry-after (naive-retry); the default-size pool over
# every input goes through that limiter first (not unbounded-fanout)
# source: open-compass/opencompass opencompass/models/claude_sdk_api.py:264
# source: open-compass/opencompass opencompass/models/claude_sdk_api.py:232
from concurrent.futures import ThreadPoolExecutor

from anthropic import Anthropic

from .base_api import RateLimitedModel


class ClaudeWrapper(RateLimitedModel):
    def __init__(self, key, model, tries=2):
        super().__init__(per_second=2)
        self.client = Anthropic(api_key=key)
        self.model = model
        self.tries = tries

    def generate(self, prompts, limit=512):
        with ThreadPoolExecutor() as pool:
            return list(pool.map(self._one, prompts, [limit] * len(prompts)))  # expect-not: unbounded-fanout

    def _one(self, prompt, limit):
        done = 0
        while done < self.tries:  # expect: naive-retry
            self.wait()
            try:
                reply = self.client.messages.create(model=self.model, max_tokens=limit, messages=[{"role": "user", "content": prompt}])
                return reply.content[0].text
            except Exception as err:
                self.log(err)
            done += 1
        raise RuntimeError("Claude call failed")
