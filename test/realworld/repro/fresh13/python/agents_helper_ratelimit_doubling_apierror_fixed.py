# realworld repro (positive + negative): naive-retry -- a helper shared by several agents loops over attempts around
# create: on anthropic.RateLimitError it sleeps 2**attempt seconds (1, 2, 4; no jitter) and tries again, on any other
# APIError it re-raises on the last attempt or else sleeps a fixed second; a JSON decode failure is re-asked the same
# way; retry-after is never read and the lazily built client keeps the SDK's own retries; look-alikes: the rate limit
# is recognised by its class, and model, system and max_tokens are the caller's (Haiku and 4000 by default)
# source: christianescamilla15-cell/multi-agent-build-system utils/claude_api.py:28
# source: christianescamilla15-cell/multi-agent-build-system utils/claude_api.py:45
# source: christianescamilla15-cell/multi-agent-build-system utils/claude_api.py:30
import json
import os
import time

import anthropic

_shared = None


def shared_client(key: str | None = None) -> anthropic.Anthropic:
    global _shared
    if _shared is None:
        _shared = anthropic.Anthropic(api_key=key or os.getenv("ANTHROPIC_API_KEY"))
    return _shared


def ask(
    text: str,
    system: str = "",
    model: str = "claude-haiku-4-5",
    max_tokens: int = 4000,
    want_json: bool = False,
    attempts: int = 3,
):
    api = shared_client()
    turns = [{"role": "user", "content": text}]
    for n in range(attempts):  # expect: naive-retry
        try:
            reply = api.messages.create(  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout
                model=model,
                max_tokens=max_tokens,
                system=system,
                messages=turns,
            )
            body = reply.content[0].text.strip()
            if want_json:
                return json.loads(body.removeprefix("```json").removesuffix("```").strip())
            return body
        except anthropic.RateLimitError:  # expect-not: string-matched-error
            pause = 2**n
            print(f"rate limited, sleeping {pause}s")
            time.sleep(pause)
        except anthropic.APIError:
            if n == attempts - 1:
                raise
            time.sleep(1)
        except json.JSONDecodeError:
            if n == attempts - 1:
                return {}
            time.sleep(1)
    return {} if want_json else ""
