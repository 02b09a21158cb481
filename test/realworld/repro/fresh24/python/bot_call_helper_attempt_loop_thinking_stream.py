# realworld repro (positive + negative): naive-retry -- a bot's one call helper loops over a configured number of
# attempts around the request: a rate limit sleeps 2 ** (n + 1) s, timeouts and other API errors sleep and go round,
# never reading retry-after, on a lazily built default client; look-alikes: the thinking branch raises max_tokens to
# 128,000 but streams it, the plain branch keeps the caller's 4,096, and a text test on the helper's own "no text"
# error (not a rate limit)
# source: pravindurgani/agent-sutra tools/claude_client.py:166
# source: pravindurgani/agent-sutra tools/claude_client.py:192
# source: pravindurgani/agent-sutra tools/claude_client.py:195
# source: pravindurgani/agent-sutra tools/claude_client.py:248
import time

from anthropic import Anthropic, APIError, APITimeoutError, RateLimitError

import botsettings

_shared = None


def _claude() -> Anthropic:
    global _shared
    if _shared is None:
        _shared = Anthropic(api_key=botsettings.CLAUDE_KEY)  # expect-not: retries-disabled, hardcoded-api-key
    return _shared


def ask(prompt: str, system: str = "", model: str | None = None, max_tokens: int = 4096, deep: bool = False) -> str:
    model = model or botsettings.MODEL
    for n in range(botsettings.ATTEMPTS):  # expect: naive-retry
        try:
            params = {"model": model, "max_tokens": max_tokens, "messages": [{"role": "user", "content": prompt}]}
            if system:
                params["system"] = system
            if deep:
                params["thinking"] = {"type": "adaptive"}
                params["max_tokens"] = max(params["max_tokens"], 128000)
                with _claude().messages.stream(**params) as stream:  # expect-not: nonstreaming-max-tokens
                    reply = stream.get_final_message()
            else:
                reply = _claude().messages.create(**params)  # expect-not: nonstreaming-max-tokens, missing-max-tokens, model-routing, uncached-prompt, batchable-fanout
            texts = [b.text for b in reply.content if b.type == "text"]
            if not texts:
                raise RuntimeError("reply held no text content")
            return "\n".join(texts)
        except RateLimitError:
            time.sleep(2 ** (n + 1))
        except APITimeoutError:
            time.sleep(2 ** n)
        except APIError:
            if n == botsettings.ATTEMPTS - 1:
                raise
            time.sleep(2 ** n)
        except RuntimeError as err:
            if "no text content" in str(err):  # expect-not: string-matched-error
                time.sleep(2 ** (n + 1))
            else:
                raise
    raise RuntimeError("Claude still failing after all attempts")
