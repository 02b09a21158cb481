# realworld repro (negative): string-matched-error, retries-disabled -- an async Claude client class turns the
# SDK's RateLimitError and a 429 / 402 status into the app's own exceptions with class and status checks (no
# message text tested); the client keeps the SDK's retries and max_tokens comes from a settings object
# source: pmadruga/rss-analyzer src/clients/async_claude.py:39
# source: pmadruga/rss-analyzer src/clients/async_claude.py:66
# source: pmadruga/rss-analyzer src/clients/async_claude.py:86
from dataclasses import dataclass

import anthropic


@dataclass
class DigestSettings:
    output_limit: int = 4000
    temperature: float = 0.2


SETTINGS = DigestSettings()


class DigestThrottled(Exception):
    def __init__(self, message: str, wait_seconds: float | None = None):
        super().__init__(message)
        self.wait_seconds = wait_seconds


class DigestQuotaSpent(Exception):
    pass


class DigestUpstreamError(Exception):
    pass


class FeedDigestClaude:
    def __init__(self, api_key: str, model: str = "claude-sonnet-4-5"):
        self.model = model
        self.client = anthropic.AsyncAnthropic(api_key=api_key)  # expect-not: retries-disabled, hardcoded-api-key
        self.output_limit = SETTINGS.output_limit
        self.temperature = SETTINGS.temperature

    async def send(self, prompt: str) -> str:
        try:
            reply = await self.client.messages.create(  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, unbounded-fanout
                model=self.model,
                max_tokens=self.output_limit,
                temperature=self.temperature,
                messages=[{"role": "user", "content": prompt}],
            )
            if reply.content:
                return reply.content[0].text
            raise DigestUpstreamError("empty reply")
        except anthropic.RateLimitError as exc:
            raise DigestThrottled(str(exc), getattr(exc, "wait_seconds", None))
        except anthropic.APIStatusError as exc:
            if exc.status_code == 429:  # expect-not: string-matched-error
                raise DigestThrottled(f"throttled: {exc.message}")
            if exc.status_code == 402:
                raise DigestQuotaSpent(exc.message)
            raise DigestUpstreamError(f"status {exc.status_code}: {exc.message}")
        except anthropic.APIConnectionError as exc:
            raise DigestUpstreamError(f"connection failed: {exc}")
