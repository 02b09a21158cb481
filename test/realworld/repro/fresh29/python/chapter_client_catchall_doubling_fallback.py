# realworld repro (positive): naive-retry -- a chapter-writing client runs the create in an attempt loop (the count
# from config); any Exception is logged, the loop sleeps 2**attempt s and sends again, and on the last attempt a
# second (fallback) client is tried once; retry-after is never read and the clients keep the SDK's retries
# source: nodca/AI-Novel llm/claude_client.py:86
import logging
import time

from anthropic import Anthropic

log = logging.getLogger(__name__)


class ChapterClient:
    def __init__(self, settings: dict):
        self.main = Anthropic(api_key=settings["key"])
        self.spare = Anthropic(api_key=settings["spare_key"]) if settings.get("spare_key") else None
        self.attempts = settings.get("attempts", 3)
        self.model = settings.get("model", "claude-sonnet-4-6")

    def write(self, prompt: str, max_tokens: int = 8192, system: str | None = None) -> str:
        request = {"model": self.model, "max_tokens": max_tokens, "messages": [{"role": "user", "content": prompt}], "timeout": 600}
        if system:
            request["system"] = system
        for attempt in range(self.attempts):  # expect: naive-retry
            try:
                reply = self.main.messages.create(**request)  # expect-not: string-matched-error, missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
                return reply.content[0].text
            except Exception as exc:
                log.warning("attempt %d failed: %s", attempt + 1, exc)
                if attempt == self.attempts - 1 and self.spare:
                    reply = self.spare.messages.create(**request)
                    return reply.content[0].text
                if attempt < self.attempts - 1:
                    time.sleep(2 ** attempt)
                else:
                    raise
        raise RuntimeError("unreachable")
