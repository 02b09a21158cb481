# realworld repro (negative): retries-disabled -- max_retries=0 set in a kwargs dict before
# AsyncAnthropic(**options), with a comment that the pipeline step loop owns retries; errors are
# mapped to a typed rate-limit error for that loop
# source: matt-house-e/accrue accrue/steps/providers/anthropic.py:95
import os

from anthropic import AsyncAnthropic, RateLimitError


class StepRateLimited(Exception):
    pass


class StepModel:
    def __init__(self, key=None):
        self._key = key or os.environ.get("ANTHROPIC_API_KEY")
        self._client = None

    def client(self):
        if self._client is None:
            options = {"api_key": self._key}
            # retries are owned by the pipeline step loop; keep the SDK from retrying underneath it
            options["max_retries"] = 0  # expect-not: retries-disabled
            self._client = AsyncAnthropic(**options)
        return self._client

    async def run(self, model, turns, max_tokens):
        try:
            return await self.client().messages.create(model=model, max_tokens=max_tokens, messages=turns)
        except RateLimitError as err:
            raise StepRateLimited(str(err)) from err
