# realworld repro (negative): uncached-prompt look-alikes -- a long reference system prompt sent with request-level
# automatic caching (cache_control as a top-level create argument) and the same text as a system block carrying
# cache_control; missing-max-tokens / model-routing look-alikes -- a max_tokens=0 pre-warm call on the same model
# source: bhimanshukalra/anthropic-learning-journey projects/building-with-the-claude-api/accessing-claude-with-the-api/prompt_caching.py:77
# source: bhimanshukalra/anthropic-learning-journey projects/building-with-the-claude-api/accessing-claude-with-the-api/prompt_caching.py:89
# source: bhimanshukalra/anthropic-learning-journey projects/building-with-the-claude-api/accessing-claude-with-the-api/prompt_caching.py:100
from anthropic import Anthropic

client = Anthropic()
MODEL = "claude-sonnet-4-5"
GUIDE = (
    "You review pull requests for a payments team. House rules:\n"
    "1. Money is stored in integer cents.\n2. Every public function has a docstring.\n"
    "3. Database writes go through the repository layer.\n4. Feature flags default to off.\n"
) * 40


def ask_auto(question):
    return client.messages.create(  # expect-not: uncached-prompt
        model=MODEL,
        max_tokens=300,
        cache_control={"type": "ephemeral"},
        system=GUIDE,
        messages=[{"role": "user", "content": question}],
    )


def guide_block():
    return [{"type": "text", "text": GUIDE, "cache_control": {"type": "ephemeral"}}]


def ask_explicit(question):
    return client.messages.create(  # expect-not: uncached-prompt
        model=MODEL,
        max_tokens=300,
        system=guide_block(),
        messages=[{"role": "user", "content": question}],
    )


def prewarm():
    return client.messages.create(  # expect-not: missing-max-tokens, model-routing
        model=MODEL,
        max_tokens=0,
        system=guide_block(),
        messages=[{"role": "user", "content": "warm up"}],
    )
