# realworld repro (positive + negative): naive-retry -- a shared raw-HTTP Claude helper (imported by
# summary_judge_sampled_files.py) loops up to ten times: a 429 sleeps 2**attempt seconds plus a fraction and goes round
# again, other request errors the same, and the Retry-After header is never read; model and max_tokens come from a
# settings dict, the request has a timeout, the 429 test reads the status code, and no loop over data is here
# (look-alikes)
# source: jbcallv/codestellation llm_client.py:45
# source: jbcallv/codestellation llm_client.py:62
# source: jbcallv/codestellation llm_client.py:72
# source: jbcallv/codestellation llm_client.py:43
import os
import time

import requests

SETTINGS = {
    "model": os.environ.get("JUDGE_MODEL", "claude-haiku-4-5"),
    "key": os.environ.get("ANTHROPIC_API_KEY", ""),
    "max_tokens": 4000,
}


def post_with_backoff(messages, attempts=10, key=SETTINGS["key"]):  # expect-not: hardcoded-api-key
    for attempt in range(attempts):  # expect: naive-retry
        try:
            reply = requests.post(  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout, retries-disabled
                "https://api.anthropic.com/v1/messages",
                headers={"x-api-key": key, "anthropic-version": "2023-06-01", "content-type": "application/json"},
                json={"model": SETTINGS["model"], "max_tokens": SETTINGS["max_tokens"], "messages": messages},
                timeout=60,
            )
            if reply.status_code == 200:
                return reply.json()["content"][0]["text"]
            elif reply.status_code == 429:  # expect-not: string-matched-error
                pause = (2**attempt) + (time.time() % 1)
                print(f"throttled, sleeping {pause:.1f}s")
                time.sleep(pause)
                continue
            else:
                reply.raise_for_status()
        except requests.exceptions.RequestException as exc:
            if attempt == attempts - 1:
                return f"failed after {attempts} attempts: {exc}"
            time.sleep((2**attempt) + (time.time() % 1))
    return "failed: out of attempts"
