# realworld repro (positive + negative): naive-retry -- `for attempt in range(3)` around a raw requests.post to
# /v1/messages whose raise_for_status() raises on 429 too; the except logs and re-sends at once with no wait;
# look-alike -- a while loop around messages.create that retries only InternalServerError 500/529 with a doubling
# pause and breaks out on any other error (429 included)
# source: lee101/websim mirror/ai_wrapper.py:26
# source: Atlas3DSS/Multi_Bot claude_utils.py:400
import logging
import random
import time

import anthropic
import requests

log = logging.getLogger(__name__)
client = anthropic.Anthropic()


def page_html(prompt, key, tries=3):
    body = {"model": "claude-sonnet-4-5", "max_tokens": 6000, "messages": [{"role": "user", "content": prompt}]}
    headers = {"x-api-key": key, "anthropic-version": "2023-06-01", "content-type": "application/json"}
    for attempt in range(tries):  # expect: naive-retry
        try:
            resp = requests.post("https://api.anthropic.com/v1/messages", headers=headers, json=body)
            resp.raise_for_status()
            return resp.json()["content"][0]["text"]
        except Exception as exc:
            log.error("attempt %d/%d failed: %s", attempt + 1, tries, exc)
            if attempt == tries - 1:
                raise
    raise RuntimeError("no reply")


def bot_reply(system, history):
    attempt, wait = 0, 0.2
    while attempt < 20:  # expect-not: naive-retry
        try:
            return client.messages.create(
                model="claude-sonnet-4-5",
                max_tokens=4096,
                system=system,
                messages=history,
            )
        except anthropic.InternalServerError as e:
            if e.response is not None and e.response.status_code in (500, 529):
                time.sleep(wait)
                attempt += 1
                wait = wait * 2 + random.uniform(0, 1)
            else:
                raise
        except Exception as e:
            log.error("reply failed: %s", e)
            break
    return None
