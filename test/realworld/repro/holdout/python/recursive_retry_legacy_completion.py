# realworld repro (positive): naive-retry -- retry by recursion around a legacy completions call:
# sleep, then call itself with one try fewer
# source: LiveCodeBench/LiveCodeBench lcb_runner/runner/claude_runner.py:42
from time import sleep

from anthropic import Anthropic

legacy = Anthropic()


def finish(prompt, options):
    def go(left):
        try:
            out = legacy.completions.create(prompt=prompt, **options)
            return out.completion
        except Exception as err:
            if left <= 1:
                raise
            print("error, sleeping", repr(err))
            sleep(10 * (8 - left))
            return go(left - 1)  # expect: naive-retry

    return go(7)
