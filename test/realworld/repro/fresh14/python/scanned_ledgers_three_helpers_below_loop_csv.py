# realworld repro (positive + negative): batchable-fanout -- a transcription script run at its top level loops over
# the rows of a CSV index of scanned ledger pages (one folder range), and each page goes through handle_page ->
# transcribe -> post_page, one raw requests.post to the Messages endpoint (Sonnet 4, 20,000 tokens, the image and a
# short instruction) per page, three same-file calls below the loop; every result is written to its own CSV file and
# the loop pauses a second between pages; look-alikes: 20,000 tokens stay under the non-streaming limit, and a failed
# status or exception is logged and the page skipped (no retry)
# source: nathanbehailuz/ireland claude_extract.py:61
# source: nathanbehailuz/ireland claude_extract.py:431
import base64
import csv
import json
import logging
import os
import time

import pandas as pd
import requests

ENDPOINT = "https://api.anthropic.com/v1/messages"
INSTRUCTION = "Transcribe every row of this ledger page as a JSON list of objects with the keys name, plot and rent."


def post_page(image_path):
    with open(image_path, "rb") as fh:
        picture = base64.b64encode(fh.read()).decode("ascii")
    headers = {
        "x-api-key": os.environ["ANTHROPIC_API_KEY"],
        "anthropic-version": "2023-06-01",
        "content-type": "application/json",
    }
    payload = {
        "model": "claude-sonnet-4-20250514",
        "max_tokens": 20000,
        "messages": [
            {
                "role": "user",
                "content": [
                    {"type": "image", "source": {"type": "base64", "media_type": "image/jpeg", "data": picture}},
                    {"type": "text", "text": INSTRUCTION},
                ],
            }
        ],
    }
    try:
        resp = requests.post(ENDPOINT, headers=headers, json=payload)  # expect: batchable-fanout; expect-not: nonstreaming-max-tokens, missing-max-tokens, model-routing, uncached-prompt, naive-retry
        if resp.status_code == 200:
            return resp.json()
        logging.error("request failed: %s %s", resp.status_code, resp.text[:200])
        return None
    except Exception as err:
        logging.error("request error: %s", err)
        return None


def transcribe(image_path):
    reply = post_page(image_path)
    if not reply:
        return None
    text = reply["content"][0]["text"]
    start, end = text.find("["), text.rfind("]")
    try:
        return json.loads(text[start : end + 1])
    except ValueError:
        return None


def handle_page(image_path, out_dir):
    rows = transcribe(image_path)
    if not rows:
        return None
    target = os.path.join(out_dir, os.path.splitext(os.path.basename(image_path))[0] + ".csv")
    with open(target, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=["name", "plot", "rent"])
        writer.writeheader()
        for row in rows:
            writer.writerow({k: row.get(k, "") for k in ("name", "plot", "rent")})
    return target


def run_index():
    out_dir = "ledgers/out"
    os.makedirs(out_dir, exist_ok=True)
    index = pd.read_csv("ledgers/index.csv")
    index = index[index["box"].between(40, 41)]
    for _, entry in index.iterrows():  # expect-not: unbounded-fanout
        page = f"ledgers/scans/{int(entry['box']):03d}/{entry['file']}"
        if os.path.exists(page):
            handle_page(page, out_dir)
        time.sleep(1)


run_index()
