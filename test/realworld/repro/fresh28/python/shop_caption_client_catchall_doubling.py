# realworld repro (positive + negative): naive-retry -- a copywriting client class builds a default client lazily
# and its complete() tries three times around the create: `except Exception` takes every error, 429 included,
# logs it and waits 2 ** attempt seconds (1 s, then 2 s) before sending again, then raises its own error; never
# retry-after, and the SDK's own retries stay on underneath; look-alikes: model and max_tokens from the instance
# (a top-level Sonnet default passed through the constructor), no system prompt, no loop over data in the file
# source: mnaoki20081106-afk/Rakuten-affiliate src/claude_api.py:294
# source: mnaoki20081106-afk/Rakuten-affiliate src/claude_api.py:296
# source: mnaoki20081106-afk/Rakuten-affiliate src/claude_api.py:286
# source: mnaoki20081106-afk/Rakuten-affiliate src/claude_api.py:310
import logging
import os
import time
from typing import Any

log = logging.getLogger(__name__)

FALLBACK_MODEL = "claude-3-5-sonnet-latest"

PAIN_POINT_TEMPLATE = """You write for a small online shop.
Product: {title}
Price: {price}
Describe in one sentence a concrete everyday problem this product solves for its buyer."""


class CaptionError(RuntimeError):
    pass


class CaptionWriter:
    def __init__(self, api_key: str | None = None, model: str = FALLBACK_MODEL, max_tokens: int = 1500) -> None:
        self.api_key = api_key or os.environ.get("ANTHROPIC_API_KEY", "")
        self.model = model
        self.max_tokens = max_tokens
        self._client: Any = None

    @property
    def client(self) -> Any:
        if self._client is None:
            import anthropic

            self._client = anthropic.Anthropic(api_key=self.api_key)  # expect-not: retries-disabled
        return self._client

    def complete(self, prompt: str, max_tokens: int | None = None, attempts: int = 3) -> str:
        failure: Exception | None = None
        for attempt in range(attempts):  # expect: naive-retry
            try:
                reply = self.client.messages.create(  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, batchable-fanout, uncached-prompt
                    model=self.model,
                    max_tokens=max_tokens or self.max_tokens,
                    messages=[{"role": "user", "content": prompt}],
                )
                return "".join(getattr(b, "text", "") for b in reply.content).strip()
            except Exception as exc:  # expect-not: string-matched-error
                failure = exc
                log.warning("caption request failed (%s/%s): %s", attempt + 1, attempts, exc)
                if attempt < attempts - 1:
                    time.sleep(2**attempt)
        raise CaptionError(f"caption request failed: {failure}")

    def pain_point(self, product: dict[str, Any]) -> str:
        prompt = PAIN_POINT_TEMPLATE.format(title=product.get("title", ""), price=product.get("price", ""))
        return self.complete(prompt, max_tokens=300).split("\n")[0]
