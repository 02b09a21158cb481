# realworld repro (positive + negative): naive-retry -- a raw-HTTP helper shared by several providers sends the
# request with requests.request and, on a 429 status, sleeps 5 s doubling and goes round again (up to four times);
# the response's retry-after header is never read; the Anthropic branch hands it the Messages URL and a body with
# max_tokens 4096; look-alikes: the 429 is read from the status (no error text), the key comes from config
# source: DigitalHumanitiesCraft/agentic-edition-pipeline pipeline/llm.py:239
# source: DigitalHumanitiesCraft/agentic-edition-pipeline pipeline/llm.py:242
# source: DigitalHumanitiesCraft/agentic-edition-pipeline pipeline/llm.py:202
# source: DigitalHumanitiesCraft/agentic-edition-pipeline pipeline/llm.py:180
import time

import requests

from settings import CLAUDE_KEY

PAUSE_BASE = 5
RETRY_LIMIT = 4


def transcribe_page(model, page_text):
    endpoint = "https://api.anthropic.com/v1/messages"
    headers = {
        "x-api-key": CLAUDE_KEY,  # expect-not: hardcoded-api-key
        "anthropic-version": "2023-06-01",
        "content-type": "application/json",
    }
    payload = {
        "model": model,
        "max_tokens": 4096,
        "messages": [{"role": "user", "content": page_text}],
    }
    resp = _send_with_backoff("POST", endpoint, headers=headers, json=payload, timeout=240)  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, retries-disabled
    return resp.json()["content"][0]["text"]


def _send_with_backoff(method, endpoint, **kwargs):
    for n in range(RETRY_LIMIT + 1):  # expect: naive-retry
        try:
            resp = requests.request(method, endpoint, **kwargs)
            if resp.status_code == 429 and n < RETRY_LIMIT:  # expect-not: string-matched-error
                wait = PAUSE_BASE * (2 ** n)
                print(f"throttled, sleeping {wait}s")
                time.sleep(wait)
                continue
            resp.raise_for_status()
            return resp
        except requests.exceptions.Timeout:
            if n < RETRY_LIMIT:
                time.sleep(PAUSE_BASE * (2 ** n))
                continue
            raise
    raise RuntimeError("gave up after retries")
