# realworld repro: naive-retry (positive) -- a shared tenacity decorator on RateLimitError, connection, timeout and
# 5xx errors (exponential 2-20 s, four attempts) around messages.create(**kwargs), never reading retry-after and
# stacked on the SDK's default retries; missing-max-tokens look-alike -- the kwargs pass-through, whose callers all
# pass max_tokens
# source: engeslamelsayad/Competitor-Analytics claude_retry.py:44
# source: engeslamelsayad/Competitor-Analytics claude_retry.py:59
from anthropic import (
    Anthropic,
    APIConnectionError,
    APITimeoutError,
    InternalServerError,
    RateLimitError,
)
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential

PASSING = (APIConnectionError, APITimeoutError, RateLimitError, InternalServerError)


@retry(  # expect: naive-retry
    retry=retry_if_exception_type(PASSING),
    wait=wait_exponential(multiplier=1, min=2, max=20),
    stop=stop_after_attempt(4),
    reraise=True,
)
def ask(client: Anthropic, **kwargs):
    return client.messages.create(**kwargs)  # expect-not: missing-max-tokens


def name_groups(groups):
    client = Anthropic()
    listing = "\n".join(f"{i}: {', '.join(g)}" for i, g in enumerate(groups))
    reply = ask(
        client,
        model="claude-haiku-4-5",
        max_tokens=600,
        system="Give each numbered group of ad headlines a three-word theme.",
        messages=[{"role": "user", "content": listing}],
    )
    return reply.content[0].text
