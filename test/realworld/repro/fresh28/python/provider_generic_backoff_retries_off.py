# realworld repro (positive + negative): naive-retry -- a framework's provider class builds its async client
# with max_retries=0 (a comment says it retries itself) and sends every Messages request through a same-file
# generic wrapper method that re-runs the callable it is given, waiting 2^attempt s on RateLimitError (and on
# timeouts, connection and other API errors) and never reading retry-after; the request is a closure handed to
# that wrapper; look-alikes: the retries-disabled client whose requests all go through that wrapper, errors
# told apart by class, max_tokens from the request or 1,024
# (marker moved by the lead to the wrapper's loop, where the original's alt line 191 puts the finding)
# source: tylerburleigh/claude-model-chorus modelchorus/src/modelchorus/providers/anthropic_provider.py:355
# source: tylerburleigh/claude-model-chorus modelchorus/src/modelchorus/providers/anthropic_provider.py:113
# source: tylerburleigh/claude-model-chorus modelchorus/src/modelchorus/providers/anthropic_provider.py:353
# source: tylerburleigh/claude-model-chorus modelchorus/src/modelchorus/providers/anthropic_provider.py:95
import asyncio
import logging
import os

from anthropic import APIConnectionError, APIError, AsyncAnthropic, RateLimitError

from .base import Backend, Reply, Request

log = logging.getLogger(__name__)


class BackendFailure(Exception):
    pass


class ClaudeBackend(Backend):
    def __init__(self, key=None, attempts: int = 3, timeout: float = 60.0):
        key = key or os.environ.get("ANTHROPIC_API_KEY")  # expect-not: hardcoded-api-key
        self.attempts = attempts
        self.client = AsyncAnthropic(
            api_key=key,
            timeout=timeout,
            max_retries=0,  # expect-not: retries-disabled
        )

    async def _with_backoff(self, fn, *args, **kwargs):
        for attempt in range(self.attempts + 1):  # expect: naive-retry
            try:
                return await fn(*args, **kwargs)
            except RateLimitError as exc:
                if attempt < self.attempts:
                    await asyncio.sleep(2 ** attempt)
                else:
                    raise BackendFailure("still rate limited") from exc
            except APIConnectionError as exc:
                if attempt < self.attempts:
                    await asyncio.sleep(2 ** attempt)
                else:
                    raise BackendFailure("connection failed") from exc
            except APIError as exc:
                if attempt < self.attempts:
                    log.warning("api error, retrying: %s", exc)
                    await asyncio.sleep(2 ** attempt)
                else:
                    raise BackendFailure(str(exc)) from exc

    async def complete(self, request: Request) -> Reply:
        params = {
            "model": request.options.get("model", "claude-sonnet-4-5"),
            "messages": [{"role": "user", "content": request.text}],
            "max_tokens": request.max_tokens or 1024,
        }
        if request.system:
            params["system"] = request.system

        async def _send():
            return await self.client.messages.create(**params)  # expect-not: string-matched-error, missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout

        message = await self._with_backoff(_send)
        text = "".join(block.text for block in message.content if hasattr(block, "text"))
        return Reply(text=text, model=message.model)
