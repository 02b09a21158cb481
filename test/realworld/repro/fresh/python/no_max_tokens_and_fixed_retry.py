# realworld repro (positive): missing-max-tokens and naive-retry -- a benchmark model wrapper calls
# messages.create without max_tokens (the API answers 400; the except swallows it), and another wrapper
# retries any exception three times after a fixed 2 s
# source: alexv-cerebras/ComplexFuncBench models/claude.py:29
# source: trotacodigos/Longform-Eval models/claude.py:18
import time

from anthropic import Anthropic


class BenchModel:
    def __init__(self, model):
        self.model = model
        self.client = Anthropic()

    def predict(self, system, query):
        try:
            reply = self.client.messages.create(  # expect: missing-max-tokens
                model=self.model,
                system=system,
                messages=[{"role": "user", "content": query}],
                temperature=0.0,
            )
            return reply.content[0].text
        except Exception as err:
            print("failed:", err)
            return None


class LongformModel:
    def __init__(self, model="claude-sonnet-4-5", limit=4096):
        self.model = model
        self.limit = limit
        self.client = Anthropic()

    def generate(self, system, user):
        for attempt in range(3):  # expect: naive-retry
            try:
                reply = self.client.messages.create(
                    model=self.model, system=system, messages=[{"role": "user", "content": user}], max_tokens=self.limit
                )
                return reply.content[0].text
            except Exception as err:
                print(f"error {err}; attempt {attempt + 1} of 3")
                time.sleep(2)
        return "[failed]"
