# realworld repro (negative): uncached-prompt, nonstreaming-max-tokens and batchable-fanout look-alikes --
# a Flask-route helper sends one page per request with its short system prompt already marked
# cache_control, and a non-streaming limit of 8,000
# source: devbret/mapping-website-internal-links anthropic_api.py:80
import json

from anthropic import Anthropic

api = Anthropic()

REVIEWER = "Review this page's SEO and accessibility facts. Answer in Markdown with strengths, weaknesses, fixes."


def review_page(facts):
    try:
        reply = api.messages.create(  # expect-not: uncached-prompt, nonstreaming-max-tokens, batchable-fanout
            model="claude-sonnet-4-6",
            max_tokens=8000,
            system=[{"type": "text", "text": REVIEWER, "cache_control": {"type": "ephemeral"}}],
            messages=[{"role": "user", "content": json.dumps(facts, indent=2)}],
        )
        return "".join(b.text for b in reply.content if b.type == "text").strip()
    except Exception as exc:
        raise RuntimeError(f"review failed: {exc}")
