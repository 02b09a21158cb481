# realworld repro (positive + negative): naive-retry -- retry by recursion: a raw requests.post to /v1/messages
# that, on HTTP 429 or 529, sleeps a fixed 60 s and calls itself again without limit (retry-after never read);
# look-alike -- the same recursion around OpenAI's chat/completions endpoint
# source: LLMAnnotationResearch/llm-annotation-framework python/src/api_handlers_python.py:342
# source: LLMAnnotationResearch/llm-annotation-framework python/src/api_handlers_python.py:86
import logging
import re
import time

import requests

log = logging.getLogger(__name__)


def label_with_claude(text, key):
    time.sleep(0.3)
    body = {
        "model": "claude-haiku-4-5",
        "max_tokens": 16,
        "system": "Reply with 1 if the sentence is sarcastic, else 0.",
        "messages": [{"role": "user", "content": text}],
    }
    headers = {"x-api-key": key, "anthropic-version": "2023-06-01", "content-type": "application/json"}
    try:
        resp = requests.post("https://api.anthropic.com/v1/messages", headers=headers, json=body)
        if resp.status_code in (429, 529):
            log.warning("busy, waiting a minute")
            time.sleep(60)
            return label_with_claude(text, key)  # expect: naive-retry
        if resp.status_code != 200:
            return None
        found = re.search(r"[01]", resp.json()["content"][0]["text"])
        return int(found.group()) if found else None
    except Exception as exc:
        log.error("request failed: %s", exc)
        return None


def label_with_gpt(text, key):
    body = {"model": "gpt-4o-mini", "max_tokens": 4, "messages": [{"role": "user", "content": text}]}
    try:
        resp = requests.post(
            "https://api.openai.com/v1/chat/completions",
            headers={"Authorization": f"Bearer {key}"},
            json=body,
        )
        if resp.status_code == 429:
            time.sleep(60)
            return label_with_gpt(text, key)  # expect-not: naive-retry
        found = re.search(r"[01]", resp.json()["choices"][0]["message"]["content"])
        return int(found.group()) if found else None
    except Exception:
        return None
