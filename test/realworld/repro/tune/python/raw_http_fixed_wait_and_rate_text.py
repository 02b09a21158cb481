# realworld repro (positive): naive-retry and string-matched-error -- a loop around requests.post to the
# Messages endpoint: raise_for_status turns a 429 into a RequestException, which is retried after a fixed
# 20 s (the Retry-After header is never read); a helper decides "rate limited" from "429"/"rate" in the
# error text and starts a cooldown
# source: Bigmax1993/Kampania-Chiny claude_client.py:200
# source: Bigmax1993/Kampania-Chiny claude_client.py:149
import os
import time

import requests

URL = "https://api.anthropic.com/v1/messages"
TRIES = 3
PAUSE_SECONDS = 20
state = {"cool_until": 0.0}


def looks_rate_limited(err):
    text = str(err).lower()
    if "429" in text or "rate" in text:
        return True
    res = getattr(err, "response", None)
    return res is not None and getattr(res, "status_code", None) == 429


def complete(prompt, model="claude-haiku-4-5", max_tokens=2048):
    headers = {"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01"}
    body = {"model": model, "max_tokens": max_tokens, "messages": [{"role": "user", "content": prompt}]}
    data = None
    for attempt in range(1, TRIES + 1):  # expect: naive-retry
        try:
            res = requests.post(URL, headers=headers, json=body, timeout=120)
            res.raise_for_status()
            data = res.json()
            break
        except Exception as err:
            if looks_rate_limited(err):  # expect: string-matched-error
                state["cool_until"] = time.time() + 90
            if attempt >= TRIES or not isinstance(err, requests.RequestException):
                raise
            time.sleep(PAUSE_SECONDS)
    return "".join(block.get("text", "") for block in data["content"] if block.get("type") == "text")
