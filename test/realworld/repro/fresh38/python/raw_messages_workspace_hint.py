# realworld repro (negative): ordinary raw-HTTP helper -- a urllib POST to /v1/messages with a 120 s timeout whose
# payload always carries max_tokens (2,048 by default) and can mark the caller's system prompt with cache_control;
# an HTTPError becomes the module's own error, and a "workspace" word in the body only adds a configuration hint
# source: sociopublico/gwl-bot pipeline/claude.py:123
# source: sociopublico/gwl-bot pipeline/claude.py:104
# source: sociopublico/gwl-bot pipeline/claude.py:92
import json
import os
import urllib.error
import urllib.request

MESSAGES_URL = "https://api.anthropic.com/v1/messages"


class ReplyError(RuntimeError):
    pass


def headers_for(key: str) -> dict:
    return {
        "content-type": "application/json",
        "x-api-key": key,  # expect-not: hardcoded-api-key
        "anthropic-version": "2023-06-01",
    }


def explain(code: int, body: str) -> str:
    text = f"HTTP {code}: {body}"
    if "workspace" in body.lower() and not os.environ.get("ANTHROPIC_WORKSPACE_ID"):  # expect-not: string-matched-error
        text += " Set ANTHROPIC_WORKSPACE_ID or use a key created inside a workspace."
    return text


def send(payload: dict, key: str, timeout: float = 120) -> dict:
    request = urllib.request.Request(MESSAGES_URL, data=json.dumps(payload).encode(), method="POST", headers=headers_for(key))
    try:
        with urllib.request.urlopen(request, timeout=timeout) as resp:  # expect-not: missing-max-tokens, nonstreaming-max-tokens, naive-retry, uncached-prompt, batchable-fanout
            return json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        raise ReplyError(explain(exc.code, exc.read().decode("utf-8", "replace")[:400])) from exc


def ask(user: str, *, key: str, model: str, system: str, max_tokens: int = 2048, cache_system: bool = False) -> str:
    payload = {"model": model, "max_tokens": max_tokens, "messages": [{"role": "user", "content": user}]}
    if cache_system:
        payload["system"] = [{"type": "text", "text": system, "cache_control": {"type": "ephemeral", "ttl": "1h"}}]
    else:
        payload["system"] = system
    data = send(payload, key)
    return "".join(part.get("text", "") for part in data.get("content", []) if part.get("type") == "text")
