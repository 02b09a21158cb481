# realworld repro (positive + negative): naive-retry -- a multi-provider caller picks its function from a
# table (the Anthropic one posts to /v1/messages with urllib) and retries HTTP 429/5xx with doubling waits,
# never reading Retry-After; the retry decision tests the status code, not the error text
# source: birdnet-team/birdnet-taxonomy utils/llm.py:238
# source: birdnet-team/birdnet-taxonomy utils/llm.py:245
import json
import time
from urllib.error import HTTPError
from urllib.request import Request, urlopen


def via_anthropic(model, prompt, limit, key):
    body = json.dumps({"model": model, "max_tokens": limit, "messages": [{"role": "user", "content": prompt}]})
    req = Request(
        "https://api.anthropic.com/v1/messages",
        data=body.encode(),
        method="POST",
        headers={"x-api-key": key, "anthropic-version": "2023-06-01", "content-type": "application/json"},
    )
    with urlopen(req, timeout=300) as res:
        return json.loads(res.read())["content"][0]["text"]


def via_mirror(model, prompt, limit, key):
    return f"[{model}] {prompt[:limit]}"


BACKENDS = {"anthropic": via_anthropic, "mirror": via_mirror}


def translate(prompt, key, backend="anthropic", model="claude-haiku-4-5", limit=4096, attempts=4):
    send = BACKENDS[backend]
    for n in range(attempts):  # expect: naive-retry
        try:
            return send(model, prompt, limit, key)
        except HTTPError as err:
            if err.code in (429, 500, 502, 503, 529):  # expect-not: string-matched-error
                time.sleep(min(2 ** (n + 1), 60))
                continue
            raise
    raise RuntimeError("no answer")
