# realworld repro (positive + negative): a nested function that retries by calling itself with a
# shrinking counter after a growing sleep (naive-retry); a large max_tokens built in a params
# dict but the client sets an explicit timeout (not nonstreaming-max-tokens)
# source: LiveCodeBench/LiveCodeBench lcb_runner/runner/claude3_runner.py:56
# source: LiveCodeBench/LiveCodeBench lcb_runner/runner/claude3_runner.py:36
from time import sleep

from anthropic import Anthropic


class Grader:
    api = Anthropic(timeout=1200)

    def __init__(self, model):
        self.options = {"model": model, "max_tokens": 32000, "stream": False}

    def grade(self, system, turns):
        def attempt(remaining):
            try:
                result = self.api.messages.create(  # expect-not: nonstreaming-max-tokens
                    system=system,
                    messages=turns,
                    **self.options,
                )
                return result.content[0].text
            except Exception as err:
                print("failed, waiting", err)
                sleep(15 * (6 - remaining))
                remaining -= 1
                if remaining == 0:
                    raise
                return attempt(remaining)  # expect: naive-retry

        return attempt(5)
