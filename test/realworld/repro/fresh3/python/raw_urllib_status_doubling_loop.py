# realworld repro (positive): naive-retry -- an attempt loop around a raw urllib POST to the Messages endpoint
# that re-sends after HTTP 429, 529 or any 5xx with a doubling pause (the Retry-After header is never read) and
# also retries network errors
# source: Fermato-dev/creative-intelligence creative_intelligence/claude_client.py:41
import json
import os
import sys
import time
import urllib.error
import urllib.request

ENDPOINT = "https://api.anthropic.com/v1/messages"


def post_messages(body, timeout=120, tries=3):
    key = os.environ.get("ANTHROPIC_API_KEY", "")
    payload = json.dumps(body).encode()
    failure = None
    for attempt in range(tries):  # expect: naive-retry
        try:
            req = urllib.request.Request(
                ENDPOINT,
                data=payload,
                headers={"x-api-key": key, "anthropic-version": "2023-06-01", "content-type": "application/json"},
            )
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                return json.loads(resp.read())
        except urllib.error.HTTPError as exc:
            failure = exc
            if exc.code in (429, 529) or exc.code >= 500:
                pause = 2 ** (attempt + 1)
                print(f"HTTP {exc.code}, trying again in {pause}s", file=sys.stderr)
                time.sleep(pause)
                continue
            raise
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            failure = exc
            if attempt < tries - 1:
                time.sleep(2 ** (attempt + 1))
                continue
            raise
    raise failure


def ask(prompt, max_tokens=4000, model="claude-sonnet-4-5"):
    result = post_messages({"model": model, "max_tokens": max_tokens, "messages": [{"role": "user", "content": prompt}]})
    return "".join(b["text"] for b in result.get("content", []) if b.get("type") == "text")
