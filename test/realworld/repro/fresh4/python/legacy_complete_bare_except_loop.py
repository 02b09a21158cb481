# realworld repro (positive): naive-retry -- `for _ in range(20)` around a raw requests.post to the legacy
# /v1/complete endpoint; a bare except (a 429 body has no 'completion' key, so it lands there too) sleeps a fixed
# 5 s and re-sends; retry-after never read
# source: nrimsky/BehaviorEvals lib/claude_api_call.py:28
import os
from time import sleep

import requests

ENDPOINT = "https://api.anthropic.com/v1/complete"


def yes_or_no(question):
    headers = {
        "x-api-key": os.environ["ANTHROPIC_API_KEY"],
        "anthropic-version": "2023-06-01",
        "content-type": "application/json",
    }
    body = {
        "model": "claude-2.1",
        "prompt": f"\n\nHuman: {question.strip()} Answer yes or no.\n\nAssistant:",
        "max_tokens_to_sample": 5,
        "temperature": 0.0,
    }
    for _ in range(20):  # expect: naive-retry
        try:
            resp = requests.post(ENDPOINT, headers=headers, json=body)
            return resp.json()["completion"].strip()
        except:  # noqa: E722
            print("request failed, trying again")
            sleep(5)
    raise RuntimeError("gave up after 20 tries")
