# realworld repro (positive): naive-retry -- a while True around requests.post to the Messages endpoint;
# raise_for_status (a 429 too) is retried after a linearly growing pause, the Retry-After header unread
# source: orcastructure/stegcot anthropic_client.py:97
import os
import time

import requests

ENDPOINT = "https://api.anthropic.com/v1/messages"


def ask(messages, model="claude-sonnet-4-5", limit=1024, tries=4, pause=2.0):
    headers = {
        "x-api-key": os.environ["ANTHROPIC_API_KEY"],
        "anthropic-version": "2023-06-01",
        "content-type": "application/json",
    }
    body = {"model": model, "max_tokens": limit, "messages": messages}
    n = 0
    while True:  # expect: naive-retry
        n += 1
        try:
            resp = requests.post(ENDPOINT, headers=headers, json=body, timeout=60)
            if resp.status_code >= 500:
                raise requests.HTTPError(f"server said {resp.status_code}", response=resp)
            resp.raise_for_status()
            return resp.json()["content"][0]["text"]
        except (requests.Timeout, requests.ConnectionError, requests.HTTPError) as exc:
            if n > tries:
                raise RuntimeError(f"gave up after {tries} tries") from exc
            time.sleep(pause * n)
