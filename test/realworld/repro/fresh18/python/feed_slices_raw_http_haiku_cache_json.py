# realworld repro (positive + negative): batchable-fanout -- an offline feed job cuts the items still lacking a
# translation (capped per run) into slices of 40 and posts each slice to /v1/messages with requests through a
# same-file function (Haiku from an environment variable, 4,096 tokens, no system prompt); results go into the feed
# JSON and a cache JSON; the HTTP-error handler prints the status and returns an empty result, nothing is resent
# source: chkeum/us-news-live scripts/translate_claude.py:103
# source: chkeum/us-news-live scripts/translate_claude.py:129
# source: chkeum/us-news-live scripts/translate_claude.py:202
import json
import os
import time

import requests

KEY = os.environ.get("ANTHROPIC_API_KEY", "")
URL = "https://api.anthropic.com/v1/messages"
MODEL = os.environ.get("FEED_MODEL", "claude-haiku-4-5")
SLICE = 40
CAP = 120

TEMPLATE = """Translate each headline below into German. Keep tickers and numbers unchanged.
Return only a JSON array of objects with keys id and title_de.

{rows}"""


def translate_slice(rows):
    body = {"model": MODEL, "max_tokens": 4096,
            "messages": [{"role": "user", "content": TEMPLATE.format(rows=json.dumps(rows))}]}
    headers = {"x-api-key": KEY, "anthropic-version": "2023-06-01", "content-type": "application/json"}
    try:
        r = requests.post(URL, headers=headers, json=body, timeout=60)  # expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
        r.raise_for_status()
        text = "".join(b.get("text", "") for b in r.json().get("content", []) if b.get("type") == "text")
        return {row["id"]: row["title_de"] for row in json.loads(text)}
    except requests.HTTPError as e:  # expect-not: naive-retry, string-matched-error
        print(f"http error {e.response.status_code}")
        return {}
    except Exception as e:
        print(f"slice failed: {e}")
        return {}


def main():
    with open("data/feed.json", encoding="utf-8") as f:
        feed = json.load(f)
    todo = [{"id": it["id"], "title": it["title"]} for it in feed["items"] if not it.get("title_de")][:CAP]
    for i in range(0, len(todo), SLICE):  # expect-not: unbounded-fanout
        done = translate_slice(todo[i:i + SLICE])
        for it in feed["items"]:
            if it["id"] in done:
                it["title_de"] = done[it["id"]]
        if i + SLICE < len(todo):
            time.sleep(0.5)
    with open("data/feed.json", "w", encoding="utf-8") as f:
        json.dump(feed, f, ensure_ascii=False, indent=2)


if __name__ == "__main__":
    main()
