# realworld repro (positive): naive-retry -- a raw POST to /v1/messages that, on HTTP 429, waits a fixed
# minute and calls itself again without limit (retry-after never read); batchable-fanout -- an offline script
# scores every product against every rule, one call two local calls down, each verdict written to a database;
# string-matched-error look-alike -- the 429 test reads the status code, not error text
# source: dragon198466ani/Safescoring.io scripts/eval_with_real_claude_opus.py:85
# source: dragon198466ani/Safescoring.io scripts/eval_with_real_claude_opus.py:64
# source: dragon198466ani/Safescoring.io scripts/eval_with_real_claude_opus.py:82
import json
import os
import time

import requests

KEY = os.getenv("ANTHROPIC_API_KEY")
STORE = os.getenv("STORE_URL", "http://localhost:8000")


def ask(prompt, limit=2000):
    try:
        r = requests.post(  # expect: batchable-fanout
            "https://api.anthropic.com/v1/messages",
            headers={"x-api-key": KEY, "anthropic-version": "2023-06-01", "content-type": "application/json"},
            json={"model": "claude-sonnet-4-20250514", "max_tokens": limit, "messages": [{"role": "user", "content": prompt}]},
            timeout=120,
        )
        if r.status_code == 200:
            return r.json()["content"][0]["text"]
        elif r.status_code == 429:  # expect-not: string-matched-error
            time.sleep(60)
            return ask(prompt, limit)  # expect: naive-retry
        return None
    except Exception:
        return None


def judge(product, rule):
    text = ask(f"Does {product['name']} meet the rule '{rule['title']}'? Answer as JSON with verdict and reason.")
    return json.loads(text) if text else None


def main():
    products = requests.get(f"{STORE}/products").json()
    for product in products:
        for rule in requests.get(f"{STORE}/rules", params={"kind": product["kind"]}).json():
            verdict = judge(product, rule)
            if verdict:
                requests.post(f"{STORE}/verdicts", json={"product": product["id"], "rule": rule["id"], **verdict})
            time.sleep(1)


if __name__ == "__main__":
    main()
