# realworld repro (positive + negative): batchable-fanout -- an offline script writes one long summary per
# standard over raw HTTP and saves each to a database; naive-retry look-alike -- on HTTP 429 it waits and skips
# the item (returns None), nothing is sent again
# source: dragon198466ani/Safescoring.io scripts/generate_summaries_claude_opus.py:276
# source: dragon198466ani/Safescoring.io scripts/generate_summaries_claude_opus.py:298
import os
import time

import requests

KEY = os.getenv("ANTHROPIC_API_KEY")
STORE = os.getenv("STORE_URL", "http://localhost:8000")


def summarise(standard, reference):
    prompt = f"Write a factual guide to the standard {standard['code']} ({standard['title']}).\n\n{reference[:25000]}"
    try:
        r = requests.post(  # expect: batchable-fanout
            "https://api.anthropic.com/v1/messages",
            headers={"x-api-key": KEY, "anthropic-version": "2023-06-01", "content-type": "application/json"},
            json={"model": "claude-3-opus-20240229", "max_tokens": 16000, "messages": [{"role": "user", "content": prompt}]},
            timeout=180,
        )
        if r.status_code == 200:
            return r.json()["content"][0]["text"].strip()
        if r.status_code == 429:
            time.sleep(60)  # expect-not: naive-retry
            return None
        return None
    except Exception:
        return None


def main():
    for standard in requests.get(f"{STORE}/standards", params={"summary": "missing"}).json():
        text = summarise(standard, standard.get("reference") or standard["title"])
        if text:
            requests.patch(f"{STORE}/standards/{standard['id']}", json={"summary": text})
        time.sleep(2)


if __name__ == "__main__":
    main()
