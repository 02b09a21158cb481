# realworld repro (negative): uncached-prompt, string-matched-error -- a one-call helper sends its system prompt as a
# text block marked cache_control ephemeral to Haiku at 1,000 tokens; a length check before it raises the app's own
# ValueError whose text says "rate limit" (no caught error is tested); a raw-HTTP helper's failure branch reads the
# error message and returns it without testing its text
# source: eric-mc2/tos-watch-az src/claude_utils.py:40
# source: eric-mc2/tos-watch-az src/claude_utils.py:66
# source: benzn-tech/fieldsight-pipeline src/claude_utils.py:60
# source: benzn-tech/fieldsight-pipeline src/claude_utils.py:40
import json
import os

import anthropic
import urllib3

BUDGET = 40000
_client = None


def client():
    global _client
    if _client is None:
        _client = anthropic.Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])  # expect-not: retries-disabled, hardcoded-api-key
    return _client


def summarise(system: str, text: str) -> str:
    if len(system) + len(text) >= BUDGET:
        raise ValueError(f"prompt of {len(text)} characters is over the rate limit budget")  # expect-not: string-matched-error
    reply = client().messages.create(  # expect-not: uncached-prompt, model-routing, missing-max-tokens, batchable-fanout
        model="claude-3-5-haiku-20241022",
        max_tokens=1000,
        system=[{"type": "text", "text": system, "cache_control": {"type": "ephemeral"}}],
        messages=[{"role": "user", "content": text}],
    )
    return reply.content[0].text


def post_claude(prompt, max_tokens=4096):
    http = urllib3.PoolManager()
    body = json.dumps({"model": os.environ.get("NOTES_MODEL", "claude-sonnet-4-6"), "max_tokens": max_tokens,
                       "messages": [{"role": "user", "content": prompt}]})
    try:
        resp = http.request(  # expect-not: nonstreaming-max-tokens, missing-max-tokens, naive-retry
            "POST", "https://api.anthropic.com/v1/messages", body=body,
            headers={"content-type": "application/json", "x-api-key": os.environ.get("ANTHROPIC_API_KEY", ""),
                     "anthropic-version": "2023-06-01"},
            timeout=120.0,
        )
        data = json.loads(resp.data.decode("utf-8"))
        if resp.status == 200:
            return "".join(b["text"] for b in data.get("content", []) if b.get("type") == "text"), None
        else:
            problem = data.get("error", {}).get("message", f"HTTP {resp.status}")  # expect-not: string-matched-error
            return None, problem
    except Exception as exc:
        return None, str(exc)
