# realworld repro (negative): a title helper posts one raw urllib request to /v1/messages (Haiku 4.5, max_tokens 30,
# 10 s timeout, no system prompt) and falls back to a local cleaner on any exception; the usage hint prints an
# sk-ant-... placeholder. The source's opt-in per-session loop (labelled ignore) is left out.
# source: mohsinalimat/erpnext_user_guide utils/claude_utils.py:157
# source: mohsinalimat/erpnext_user_guide utils/claude_utils.py:160
# source: mohsinalimat/erpnext_user_guide utils/claude_utils.py:511
import json
import os
import sys
import urllib.request


def tidy(text):
    words = " ".join(text.split())
    return words[:60] or "Untitled"


def title_for(first_message):
    key = os.environ.get("ANTHROPIC_API_KEY", "")
    if not key:
        return tidy(first_message)
    body = json.dumps({
        "model": "claude-haiku-4-5-20251001",
        "max_tokens": 30,
        "messages": [{"role": "user", "content": f"Give a five-word title for a chat that began with:\n\n{first_message[:400]}"}],
    }).encode()
    request = urllib.request.Request(
        "https://api.anthropic.com/v1/messages",
        data=body,
        headers={"x-api-key": key, "anthropic-version": "2023-06-01", "content-type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:  # expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt
            return json.loads(answer.read())["content"][0]["text"].strip()
    except Exception:  # expect-not: naive-retry, string-matched-error
        return tidy(first_message)


if __name__ == "__main__":
    if not os.environ.get("ANTHROPIC_API_KEY"):
        print("set the key first:  export ANTHROPIC_API_KEY=sk-ant-...")  # expect-not: hardcoded-api-key
    print(title_for(sys.argv[1]))
