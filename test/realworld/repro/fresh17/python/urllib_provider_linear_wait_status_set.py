# realworld repro (positive + negative): naive-retry -- a screening provider posts to the Messages endpoint (URL
# built from a configured base, anthropic-version header) with urllib inside an attempt loop; HTTP 429 and 5xx are
# sent again after a linear wait (configured delay times the attempt), never reading retry-after; look-alike: the
# decision tests the status code through a same-file predicate, not the error text
# source: baobao0605/auto-paper-screening-cli src/providers/anthropic_provider.py:73
# source: baobao0605/auto-paper-screening-cli src/providers/anthropic_provider.py:84
import json
import time
from urllib import error, request


def worth_retrying(code: int) -> bool:
    return code == 429 or 500 <= code <= 599


class Screener:
    def __init__(self, *, key: str, model: str, base: str, cap: int, tries: int, pause: float):
        self.key = key
        self.model = model
        self.base = base.rstrip("/")
        self.cap = cap
        self.tries = max(1, tries)
        self.pause = pause

    def endpoint(self) -> str:
        return f"{self.base}/v1/messages"

    def judge(self, abstract: str) -> dict:
        body = {"model": self.model, "max_tokens": self.cap, "messages": [{"role": "user", "content": abstract}]}
        req = request.Request(
            self.endpoint(),
            data=json.dumps(body).encode("utf-8"),
            headers={"x-api-key": self.key, "anthropic-version": "2023-06-01", "content-type": "application/json"},
            method="POST",
        )
        failure = None
        for n in range(1, self.tries + 1):  # expect: naive-retry
            try:
                with request.urlopen(req, timeout=60) as resp:
                    return json.loads(resp.read().decode("utf-8"))
            except error.HTTPError as exc:
                failure = RuntimeError(f"screening call failed with HTTP {exc.code}")
                if not worth_retrying(exc.code) or n >= self.tries:  # expect-not: string-matched-error
                    break
                time.sleep(self.pause * n)
            except error.URLError as exc:
                failure = RuntimeError(f"screening call failed: {exc}")
                if n >= self.tries:
                    break
                time.sleep(self.pause * n)
        raise failure
