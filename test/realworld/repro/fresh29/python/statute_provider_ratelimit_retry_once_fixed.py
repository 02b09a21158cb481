# realworld repro (positive + negative): naive-retry -- a provider method sends one create; when it fails with
# RateLimitError the handler logs, sleeps a fixed 10 s and sends the same request once more (a hand-unrolled
# retry-once that never reads retry-after, on a lazily built client that keeps the SDK's retries); look-alike: the
# timeout branch of the same try re-sends at once but only for APITimeoutError, not for rate limits
# source: henrikaavik/Seadusloome app/llm/claude.py:134
# source: henrikaavik/Seadusloome app/llm/claude.py:147
import logging
import os
import time

import anthropic

log = logging.getLogger(__name__)


class StatuteReader:
    def __init__(self):
        self._key = os.environ.get("ANTHROPIC_API_KEY", "")
        self._client = None

    def _sdk(self):
        if self._client is None:
            self._client = anthropic.Anthropic(api_key=self._key)
        return self._client

    def ask(self, question: str, *, max_tokens: int = 1024, system: str | None = None) -> str:
        client = self._sdk()
        request = {
            "model": os.environ.get("STATUTE_MODEL", "claude-sonnet-4-6"),
            "max_tokens": max_tokens,
            "messages": [{"role": "user", "content": question}],
        }
        if system:
            request["system"] = system
        try:
            reply = client.messages.create(**request)  # expect-not: string-matched-error, missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
        except anthropic.RateLimitError:
            log.warning("rate limited on a %d-character question, waiting 10 s", len(question))
            time.sleep(10)
            try:
                reply = client.messages.create(**request)  # expect: naive-retry
            except Exception:
                log.exception("second attempt after the rate limit failed")
                raise
        except anthropic.APITimeoutError:
            log.warning("timed out, sending again")
            try:
                reply = client.messages.create(**request)  # expect-not: naive-retry
            except Exception:
                log.exception("second attempt after the timeout failed")
                raise
        except anthropic.APIError:
            log.exception("request failed")
            raise
        return reply.content[0].text if reply.content else ""
