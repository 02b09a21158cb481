# realworld repro (positive + negative): naive-retry -- a loop over a fixed delay schedule (5, 15, 30 s)
# around requests.post to the Messages endpoint retries 429 and 5xx statuses without reading Retry-After;
# the status tests are on the response code, not the error text
# source: MceDevit/YT-Enrichment claude_api.py:46
# source: MceDevit/YT-Enrichment claude_api.py:73
import os
import time

import requests

WAITS = (5, 15, 30)
AGAIN = {408, 429, 500, 502, 503, 529}


class CallFailed(Exception):
    pass


def summarise(text, model, limit):
    key = os.environ["ANTHROPIC_API_KEY"]
    plan = list(WAITS) + [None]
    last = None
    for pause in plan:  # expect: naive-retry
        try:
            res = requests.post(
                "https://api.anthropic.com/v1/messages",
                headers={"x-api-key": key, "anthropic-version": "2023-06-01"},
                json={"model": model, "max_tokens": limit, "messages": [{"role": "user", "content": text}]},
                timeout=180,
            )
            if res.status_code in AGAIN:
                raise requests.HTTPError(f"HTTP {res.status_code}", response=res)
            res.raise_for_status()
            return "".join(b.get("text", "") for b in res.json().get("content", []))
        except requests.HTTPError as err:
            code = err.response.status_code if err.response is not None else None
            if code is not None and code not in AGAIN:  # expect-not: string-matched-error
                raise CallFailed(f"HTTP {code}") from err
            last = err
        except (requests.Timeout, requests.ConnectionError) as err:
            last = err
        if pause is None:
            break
        time.sleep(pause)
    raise CallFailed(f"gave up: {last}")
