# realworld repro (negative): missing-max-tokens look-alike -- a CLI measures a page with the legacy
# client.count_tokens(text) helper (no Messages request), then sends the page once with a 4,096-token limit
# source: ehc-io/llm-agents claude_inference.py:12
# source: ehc-io/llm-agents claude_inference.py:32
import os
import sys

from anthropic import Anthropic


def measure(text):
    api = Anthropic(api_key=os.getenv("ANTHROPIC_API_KEY"))
    return {"chars": len(text), "tokens": api.count_tokens(text)}  # expect-not: missing-max-tokens


def digest(text, model):
    api = Anthropic(api_key=os.getenv("ANTHROPIC_API_KEY"))
    reply = api.messages.create(  # expect-not: missing-max-tokens, nonstreaming-max-tokens, batchable-fanout
        model=model,
        max_tokens=4096,
        messages=[{"role": "user", "content": f"Page:\n{text}\n\nSummarise it in five sentences."}],
    )
    return reply.content[0].text


if __name__ == "__main__":
    page = open(sys.argv[1]).read()
    print(measure(page))
    print(digest(page, sys.argv[2] if len(sys.argv) > 2 else "claude-3-5-sonnet-20240620"))
