# realworld repro (positive): naive-retry -- a research agent's client helper defines a nested function around the
# create and decorates it with with_retry() imported from a sibling module; the decorator retries RateLimitError,
# timeouts and connection errors, base * 2^attempt plus up to 0.5 s, never reading retry-after, after a per-minute
# token bucket
# source: tanzeel-khan95/DeepTrace utils/anthropic_client.py:85
import os

import anthropic
from findings_retry import TokenBucket, with_retry

_client = None
_bucket = TokenBucket(per_minute=50)


def get_client() -> anthropic.Anthropic:
    global _client
    if _client is None:
        _client = anthropic.Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])
    return _client


def call_llm(system_prompt: str, user_message: str, model: str, max_tokens: int) -> str:
    client = get_client()

    @with_retry()  # expect: naive-retry
    def _do_create(inner_client, inner_model, inner_max_tokens, inner_system, inner_messages):
        return inner_client.messages.create(
            model=inner_model,
            max_tokens=inner_max_tokens,
            system=inner_system,
            messages=inner_messages,
        )

    _bucket.acquire()
    response = _do_create(client, model, max_tokens, system_prompt, [{"role": "user", "content": user_message}])
    return response.content[0].text
