# realworld repro (negative): retries-disabled -- a framework's client factory sets max_retries=0 and its
# message layer turns RateLimitError into the framework's own rate-limit error carrying the retry-after
# delay, which the framework's runner retries
# source: miquido/draive src/draive/anthropic/api.py:41
from anthropic import AsyncAnthropic, RateLimitError


class ModelRateLimited(Exception):
    def __init__(self, delay):
        super().__init__(f"retry after {delay}s")
        self.delay = delay


class ClaudeProvider:
    def __init__(self, api_key=None, timeout=None):
        self._api_key = api_key
        self._timeout = timeout
        self._client = None

    def _make_client(self):
        return AsyncAnthropic(
            api_key=self._api_key,
            max_retries=0,  # expect-not: retries-disabled
            timeout=self._timeout,
        )

    async def complete(self, model, turns):
        if self._client is None:
            self._client = self._make_client()
        try:
            return await self._client.messages.create(model=model, max_tokens=2048, messages=turns)
        except RateLimitError as exc:
            raise ModelRateLimited(float(exc.response.headers.get("retry-after", "5"))) from exc
