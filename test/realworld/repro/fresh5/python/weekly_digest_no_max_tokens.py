# realworld repro (positive): missing-max-tokens -- a digest helper calls messages.create with a model, a system
# prompt and messages but no max_tokens, so the SDK refuses the call before sending it
# source: Demontf/summary-everything claude.py:15
import json

from anthropic import Anthropic

from settings import CLAUDE_KEY, CLAUDE_MODEL


def summarize_page(items):
    client = Anthropic(api_key=CLAUDE_KEY)
    reply = client.messages.create(  # expect: missing-max-tokens
        model=CLAUDE_MODEL,
        system="You summarize blog posts in one line each.",
        messages=[{"role": "user", "content": "Summarize each post as JSON: " + json.dumps(items)}],
    )
    return reply.content[0].text
