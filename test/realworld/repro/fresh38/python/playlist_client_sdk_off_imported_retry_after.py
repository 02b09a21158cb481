# realworld repro (negative): retries-disabled, naive-retry -- a client class turns the SDK's retries off (with a
# timeout) because the module owns its retries: every create goes through a logging helper that hands its attempt to
# an imported retry loop, and the create maps RateLimitError to a retryable error carrying the retry-after header,
# which the imported loop sleeps; billing text tests ("credit balance") on 400s; the class also sends Message Batches
# source: anthonybrites-cmyk/spotify-insight-pipeline pipeline/claude.py:26
# source: anthonybrites-cmyk/spotify-insight-pipeline pipeline/claude.py:231
# source: anthonybrites-cmyk/spotify-insight-pipeline pipeline/claude.py:88
# source: anthonybrites-cmyk/spotify-insight-pipeline pipeline/claude.py:95
# source: anthonybrites-cmyk/spotify-insight-pipeline pipeline/claude.py:55
import json
import os

import anthropic

from playlist_retry_policy import BadAnswer, GiveUp, TryAgain, with_policy

REPLY_LIMIT = int(os.environ.get("PLAYLIST_MAX_TOKENS", "4000"))
MODEL = os.environ.get("PLAYLIST_MODEL", "claude-sonnet-4-5")


class PlaylistClaude:
    def __init__(self, api_key):
        # Our own retry policy (playlist_retry_policy) replaces the SDK's.
        self.client = anthropic.Anthropic(api_key=api_key, max_retries=0, timeout=120.0)  # expect-not: retries-disabled, hardcoded-api-key

    def request(self, system, user, max_tokens=None):
        return {
            "model": MODEL,
            "max_tokens": max_tokens or REPLY_LIMIT,
            "system": system,
            "messages": [{"role": "user", "content": user}],
        }

    def submit_batch(self, items):
        try:
            batch = self.client.messages.batches.create(  # expect-not: batchable-fanout, missing-max-tokens
                requests=[{"custom_id": key, "params": self.request(s, u)} for key, s, u in items]
            )
        except anthropic.BadRequestError as exc:
            if "credit balance" in str(exc).lower():  # expect-not: string-matched-error
                raise GiveUp("out of credit") from exc
            raise GiveUp(str(exc)) from exc
        return batch.id

    def ask(self, system, user, max_tokens=None):
        params = self.request(system, user, max_tokens)
        try:
            reply = self.client.messages.create(**params)  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout
        except anthropic.BadRequestError as exc:
            if "credit balance" in str(exc).lower():  # expect-not: string-matched-error
                raise GiveUp("out of credit") from exc
            raise GiveUp(str(exc)) from exc
        except anthropic.RateLimitError as exc:
            raise TryAgain("rate limited", retry_after=exc.response.headers.get("retry-after")) from exc
        except anthropic.APIStatusError as exc:
            if exc.status_code >= 500:
                raise TryAgain(f"status {exc.status_code}") from exc
            raise GiveUp(str(exc)) from exc
        except anthropic.APIConnectionError as exc:
            raise TryAgain("network") from exc
        return "".join(block.text for block in reply.content if block.type == "text")


def logged_call(claude, log, system, user):
    def step(attempt, previous):
        text = claude.ask(system, user)
        try:
            return json.loads(text)
        except ValueError as exc:
            raise BadAnswer(str(exc)) from exc

    def failed(attempt, error):
        log.append({"attempt": attempt, "error": str(error)[:200]})

    return with_policy(step, failed)  # expect-not: naive-retry
