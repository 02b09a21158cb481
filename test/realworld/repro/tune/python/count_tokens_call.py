# realworld repro (negative): missing-max-tokens -- count_tokens takes no max_tokens
# source: Rutgers-CSL/syllabus-parser basic_comparison.py:122
from anthropic import Anthropic

meter = Anthropic()


def cost_of(text):
    usage = meter.messages.count_tokens(  # expect-not: missing-max-tokens
        model="claude-sonnet-4-5",
        messages=[{"role": "user", "content": text}],
    )
    return usage.input_tokens
