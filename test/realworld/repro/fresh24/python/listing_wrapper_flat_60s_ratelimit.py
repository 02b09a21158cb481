# realworld repro (positive + negative): naive-retry -- a wrapper module's helper re-sends a create(**kwargs) up
# to three times, and its RateLimitError handler sleeps a flat 60 s between attempts (no growth, no jitter, no
# retry-after) on a default client that keeps the SDK's own retries; look-alikes: the rate limit is told by
# class, the params are a pass-through dict, the system prompt is the caller's, the only loop over turns is a
# two-round web-search tool exchange in a module without an entry point
# source: 20at20/rv-deals-screener tools/claude_client.py:27
# source: 20at20/rv-deals-screener tools/claude_client.py:29
# source: 20at20/rv-deals-screener tools/claude_client.py:30
# source: 20at20/rv-deals-screener tools/claude_client.py:44
import os
import time

import anthropic

FALLBACK_MODEL = "claude-haiku-4-5"
_shared = None


def _send(client, **kwargs):
    tries = 3
    for n in range(tries):  # expect: naive-retry
        try:
            return client.messages.create(**kwargs)  # expect-not: missing-max-tokens, nonstreaming-max-tokens, batchable-fanout, uncached-prompt, model-routing
        except anthropic.RateLimitError:  # expect-not: string-matched-error
            if n == tries - 1:
                raise
            print(f"rate limited, pausing 60s before try {n + 2}/{tries}")
            time.sleep(60)


def _client():
    global _shared
    if _shared is None:
        _shared = anthropic.Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])  # expect-not: retries-disabled, hardcoded-api-key
    return _shared


def ask(system, user, max_tokens=2048):
    params = {
        "model": os.environ.get("LISTING_MODEL", FALLBACK_MODEL),
        "max_tokens": max_tokens,
        "system": system,
        "messages": [{"role": "user", "content": user}],
    }
    reply = _send(_client(), **params)
    return "".join(b.text for b in reply.content if hasattr(b, "text"))


def ask_with_search(system, user, max_tokens=2048):
    turns = [{"role": "user", "content": user}]
    out = ""
    for _ in range(2):
        reply = _send(
            _client(),
            model=os.environ.get("LISTING_MODEL", FALLBACK_MODEL),
            max_tokens=max_tokens,
            system=system,
            tools=[{"type": "web_search_20250305", "name": "web_search"}],
            messages=turns,
        )
        if reply.stop_reason != "tool_use":
            out = "".join(b.text for b in reply.content if hasattr(b, "text"))
            break
        turns.append({"role": "assistant", "content": reply.content})
        turns.append({"role": "user", "content": [{"type": "tool_result", "tool_use_id": b.id, "content": ""}
                                                 for b in reply.content if b.type == "tool_use"]})
    return out
