# realworld repro (negative): a client class builds its Anthropic client with max_retries and a timeout from the
# configuration and sends one request per call; a RateLimitError (after the SDK's own retries) is caught once,
# its retry-after header is parsed and recorded in a tracker, and it is raised as the app's throttle error with
# the wait; the next send refuses while the tracker says wait; nothing is re-sent here
# source: codebox/toothcomb src/llm/claude_client.py:60
# source: codebox/toothcomb src/llm/claude_client.py:27
# source: codebox/toothcomb src/llm/claude_client.py:22
import logging

import anthropic

from settings import Settings
from throttle import Throttled, ThrottleBook

log = logging.getLogger(__name__)


class NotesModel:
    def __init__(self, settings: Settings, model: str, max_tokens: int, book: ThrottleBook | None = None):
        key = settings.get("anthropic.key") or None  # expect-not: hardcoded-api-key
        self._client = anthropic.Anthropic(
            api_key=key,
            max_retries=settings.get("anthropic.retries"),  # expect-not: retries-disabled
            timeout=settings.get("anthropic.timeout"),
        )
        self._model = model
        self._max_tokens = max_tokens
        self._book = book

    def send(self, system_text: str, user_text: str) -> str:
        if self._book and self._book.waiting(self._model):
            raise Throttled(self._book.seconds_left(self._model))
        request = dict(
            model=self._model,
            max_tokens=self._max_tokens,
            system=[{"type": "text", "text": system_text, "cache_control": {"type": "ephemeral"}}],
            messages=[{"role": "user", "content": user_text}],
        )
        try:
            reply = self._client.messages.create(**request)  # expect-not: naive-retry, string-matched-error, missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
        except anthropic.RateLimitError as exc:
            wait = self._header_wait(exc)
            if self._book:
                self._book.record(self._model, wait)
            raise Throttled(wait or 30) from exc
        if self._book:
            self._book.clear(self._model)
        return next((b.text for b in reply.content if b.type == "text"), "")

    @staticmethod
    def _header_wait(exc: anthropic.RateLimitError) -> float | None:
        headers = getattr(getattr(exc, "response", None), "headers", {}) or {}
        raw = str(headers.get("retry-after", "")).strip()
        return float(raw) if raw.replace(".", "", 1).isdigit() else None
