# realworld repro (positive): naive-retry -- backoff.on_exception with exponential waits on any Exception (ten
# tries) around a helper that sends the create on a module client (through a proxy base_url) that keeps the SDK's
# retries; retry-after is never consulted
# source: abhirupghosh/classifly llm/anthropic.py:18
import os

import anthropic
import backoff

proxy_client = anthropic.Anthropic(
    api_key=os.environ.get("ANTHROPIC_API_KEY"),
    base_url="https://llm-proxy.example.internal",
)


@backoff.on_exception(backoff.expo, Exception, max_tries=10, max_value=60)  # expect: naive-retry
def ask(messages: list[dict], system: str | None = None, model: str = "claude-sonnet-4-5", max_tokens: int = 1024) -> str:
    extra = {"system": system} if system else {}
    reply = proxy_client.messages.create(
        model=model,
        max_tokens=max_tokens,
        messages=messages,
        **extra,
    )
    return reply.content[0].text
