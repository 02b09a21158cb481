# realworld repro (negative): retries-disabled -- max_retries=0 handed to a client factory; every
# call goes through a back-off wrapper imported from a sibling module
# source: SakanaAI/AI-Scientist-v2 ai_scientist/treesearch/backend/backend_anthropic.py:27
import anthropic

from .helpers import create_with_backoff

TRANSIENT = (anthropic.RateLimitError, anthropic.APIConnectionError, anthropic.InternalServerError)


def make_client(model=None, max_retries=2):
    return anthropic.AnthropicBedrock(max_retries=max_retries)


def ask(system, user, **options):
    client = make_client(options.get("model"), max_retries=0)  # expect-not: retries-disabled
    options.setdefault("max_tokens", 8192)
    return create_with_backoff(client.messages.create, TRANSIENT, system=system, messages=[{"role": "user", "content": user}], **options)
