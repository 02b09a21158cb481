# realworld repro (negative): batchable-fanout, missing-max-tokens, naive-retry look-alikes -- per-prompt requests
# already go to the Message Batches API (every request's params carry max_tokens); a while-True loop only polls the
# batch status; per-window raw requests to /v1/messages run only as the fallback when the batch fails
# source: Airscker/ms-cot-benchmark claude.py:71
# source: Airscker/ms-cot-benchmark claude.py:127
# source: NovakTJ/curriculum-scraper claude_summarizer.py:229
# source: cvsz/zc src/wire/zc_batch.py:73
# source: cvsz/zc src/wire/zc_batch.py:206
import os
import time

import anthropic
import requests
from anthropic.types.message_create_params import MessageCreateParamsNonStreaming
from anthropic.types.messages.batch_create_params import Request

client = anthropic.Anthropic()
HEADERS = {
    "x-api-key": os.environ.get("ANTHROPIC_API_KEY", ""),
    "anthropic-version": "2023-06-01",
    "content-type": "application/json",
}


def submit(prompts):
    requests_ = [
        Request(
            custom_id=f"item-{i}",
            params=MessageCreateParamsNonStreaming(
                model="claude-haiku-4-5",
                max_tokens=500,
                messages=[{"role": "user", "content": prompt}],
            ),
        )
        for i, prompt in enumerate(prompts)
    ]
    batch = client.messages.batches.create(requests=requests_)  # expect-not: batchable-fanout, missing-max-tokens
    return batch.id


def wait(batch_id, every=20, limit=3600):
    started = time.time()
    while True:  # expect-not: naive-retry
        status = client.messages.batches.retrieve(batch_id).processing_status
        if status == "ended":
            return True
        if time.time() - started > limit:
            return False
        time.sleep(every)


def one_by_one(prompts):
    out = []
    for prompt in prompts:
        body = {"model": "claude-haiku-4-5", "max_tokens": 500, "messages": [{"role": "user", "content": prompt}]}
        resp = requests.post("https://api.anthropic.com/v1/messages", headers=HEADERS, json=body)  # expect-not: batchable-fanout
        out.append(resp.json()["content"][0]["text"] if resp.status_code == 200 else "")
    return out


def run(prompts):
    batch_id = submit(prompts)
    if not wait(batch_id):
        print("batch failed, sending one by one")
        return one_by_one(prompts)
    return [r.result.message.content[0].text for r in client.messages.batches.results(batch_id) if r.result.type == "succeeded"]
