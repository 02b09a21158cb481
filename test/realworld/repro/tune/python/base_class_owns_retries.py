# realworld repro (negative): retries-disabled -- AsyncAnthropic(max_retries=0, timeout=...) in a provider
# subclass, with a comment that the base class owns retries; the subclass maps RateLimitError to a
# retryable error for it
# source: cgonzalez201012/pre-entrega-1-llm-client anthropic_client.py:32
import anthropic
from anthropic import AsyncAnthropic

from providers import ProviderBase, ProviderError


class ClaudeProvider(ProviderBase):
    def __init__(self, key, settings):
        super().__init__(key, settings)
        # the base class runs the retry loop, so the SDK must not retry underneath it
        self._client = AsyncAnthropic(
            api_key=key, max_retries=0, timeout=settings.timeout  # expect-not: retries-disabled
        )

    async def _once(self, turns):
        reply = await self._client.messages.create(model=self.settings.model, max_tokens=self.settings.max_tokens, messages=turns)
        return "".join(block.text for block in reply.content if block.type == "text")

    def _classify(self, err):
        if isinstance(err, anthropic.RateLimitError):
            return ProviderError("rate_limit", str(err), retryable=True)
        if isinstance(err, anthropic.APIStatusError):
            return ProviderError("api", str(err), retryable=err.status_code >= 500)
        return ProviderError("unknown", str(err))
