# realworld repro (negative): a client class wraps every call in a circuit breaker -- API, connection, rate-limit
# and timeout errors are logged, counted as failures and re-raised, nothing is re-sent; the non-streaming and the
# streaming create both take the model and max_tokens from a config object (a modest value here) and the system
# text from the caller; the AsyncAnthropic client keeps the SDK's default retries and takes its key from config
# source: Davinchi1352/bukoai app/services/claude_service/clients/claude_client.py:107
# source: Davinchi1352/bukoai app/services/claude_service/clients/claude_client.py:151
# source: Davinchi1352/bukoai app/services/claude_service/clients/claude_client.py:195
# source: Davinchi1352/bukoai app/services/claude_service/clients/claude_client.py:58
import asyncio
import logging

import httpx
from anthropic import APIConnectionError, APIError, AsyncAnthropic, RateLimitError

log = logging.getLogger(__name__)


class Breaker:
    def __init__(self, limit: int):
        self.limit = limit
        self.failures = 0

    def is_open(self) -> bool:
        return self.failures >= self.limit

    def ok(self) -> None:
        self.failures = 0

    def failed(self) -> None:
        self.failures += 1


class ChapterClient:
    def __init__(self, settings):
        self.settings = settings
        self.breaker = Breaker(settings.breaker_limit)
        self.api = AsyncAnthropic(  # expect-not: retries-disabled, hardcoded-api-key
            api_key=settings.api_key,
            http_client=httpx.AsyncClient(timeout=httpx.Timeout(600.0)),
        )

    async def complete(self, turns: list, **extra):
        async def go():
            params = {
                "model": self.settings.model,
                "messages": turns,
                "max_tokens": extra.get("max_tokens", self.settings.max_tokens),
            }
            if "system" in extra:
                params["system"] = extra["system"]
            return await self.api.messages.create(**params)  # expect-not: missing-max-tokens, model-routing, batchable-fanout, uncached-prompt

        return await self._guarded(go)

    async def open_stream(self, turns: list, **extra):
        async def go():
            params = {
                "model": self.settings.model,
                "messages": turns,
                "max_tokens": extra.get("max_tokens", self.settings.max_tokens),
                "stream": True,
            }
            if "system" in extra:
                params["system"] = extra["system"]
            return await self.api.messages.create(**params)  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, batchable-fanout, uncached-prompt

        return await self._guarded(go)

    async def _guarded(self, call):
        if self.breaker.is_open():
            raise RuntimeError("breaker open")
        try:
            result = await call()
            self.breaker.ok()
            return result
        except (APIError, APIConnectionError, RateLimitError, asyncio.TimeoutError) as err:  # expect-not: naive-retry, string-matched-error
            log.error("claude call failed: %s", err)
            self.breaker.failed()
            raise
