# realworld repro (positive + negative): naive-retry -- a library's client class builds its params dict and hands a
# closure over messages.create to a backoff helper imported from a sibling module (toolkit_backoff_util.py), which
# retries RateLimitError, server and connection errors with exponential backoff and jitter and never reads
# retry-after; the errors are chosen by class, the client keeps the SDK's retries and has a timeout, and the call asks
# for 1024 tokens by default with an optional system prompt (look-alikes)
# source: Parade11/claudekit claudekit/client.py:77
# source: Parade11/claudekit claudekit/client.py:75
# source: Parade11/claudekit claudekit/client.py:39
# source: Parade11/claudekit claudekit/client.py:35
import os
from typing import Any, Optional

import anthropic

from toolkit_backoff_util import call_with_backoff


class ToolkitClient:
    def __init__(
        self,
        api_key: Optional[str] = None,
        model: str = "claude-sonnet-4-5",
        max_tokens: int = 1024,
        attempts: int = 3,
        timeout: float = 60.0,
    ):
        self.api_key = api_key or os.environ.get("ANTHROPIC_API_KEY", "")  # expect-not: hardcoded-api-key
        self.model = model
        self.max_tokens = max_tokens
        self.attempts = attempts
        self._sdk = anthropic.Anthropic(  # expect-not: retries-disabled
            api_key=self.api_key,
            timeout=timeout,
        )

    def complete(self, messages: list, system: Optional[str] = None, max_tokens: Optional[int] = None, **extra) -> str:
        params: dict[str, Any] = {
            "model": self.model,
            "messages": messages,
            "max_tokens": max_tokens or self.max_tokens,
            **extra,
        }
        if system:
            params["system"] = system

        def send():
            return self._sdk.messages.create(**params)  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout

        reply = call_with_backoff(  # expect: naive-retry; expect-not: string-matched-error
            send,
            attempts=self.attempts,
            retry_on=(anthropic.RateLimitError, anthropic.InternalServerError, anthropic.APIConnectionError),
        )
        return "".join(block.text for block in reply.content if block.type == "text")
