# realworld repro (positive + negative): naive-retry -- a pipeline's Claude provider module: one call() function
# carries tenacity's @retry for connection errors, rate limits and server errors (four attempts, exponential wait
# from 2 to 30 s), never reading retry-after, on a cached default client that keeps the SDK's own two retries; the
# request dict is built from the caller's max_tokens, system and forced tool; look-alikes: the errors are picked by
# class, the model comes from settings, the per-item loop lives in other modules, the key comes from settings
# source: Aarush2801/brokeberg pipeline/brokeberg/llm/_anthropic.py:23
# source: Aarush2801/brokeberg pipeline/brokeberg/llm/_anthropic.py:49
# source: Aarush2801/brokeberg pipeline/brokeberg/llm/_anthropic.py:20
from functools import lru_cache
from typing import Any

import anthropic
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential

from ledger.settings import load_settings

_PASSING = (
    anthropic.APIConnectionError,
    anthropic.RateLimitError,
    anthropic.InternalServerError,
)


@lru_cache
def shared_client() -> anthropic.Anthropic:
    return anthropic.Anthropic(api_key=load_settings().secret("claude_key"))  # expect-not: retries-disabled, hardcoded-api-key


@retry(  # expect: naive-retry
    retry=retry_if_exception_type(_PASSING),  # expect-not: string-matched-error
    stop=stop_after_attempt(4),
    wait=wait_exponential(min=2, max=30),
    reraise=True,
)
def call(text: str, *, system: str | None, max_tokens: int, tool: dict[str, Any] | None, tool_name: str):
    body: dict[str, Any] = {
        "model": load_settings().claude_model,
        "max_tokens": max_tokens,
        "messages": [{"role": "user", "content": text}],
    }
    if system:
        body["system"] = system
    if tool is not None:
        body["tools"] = [tool]
        body["tool_choice"] = {"type": "tool", "name": tool_name}

    reply = shared_client().messages.create(**body)  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout

    if tool is not None:
        for part in reply.content:
            if part.type == "tool_use" and part.name == tool_name:
                return dict(part.input)
        return ""
    return "".join(part.text for part in reply.content if part.type == "text")
