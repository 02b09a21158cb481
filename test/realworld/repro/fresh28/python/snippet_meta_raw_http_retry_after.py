# realworld repro (negative): naive-retry -- a raw-HTTP (requests session) client's attempt loop sleeps the 429
# response's retry-after header (60 s when absent, capped at 300 s) before re-posting; only 5xx and transport
# errors wait a doubling pause of its own, other statuses are raised at once; also a Haiku model with 1,000 tokens
# in the payload, no system prompt, and a caller whose handler re-raises by class
# source: shayonpal/snippets-automation src/claude_api.py:161
# source: shayonpal/snippets-automation src/claude_api.py:163
# source: shayonpal/snippets-automation src/claude_api.py:79
import os
import time
from typing import Any, Dict

import requests


class ServiceError(Exception):
    pass


class Throttled(ServiceError):
    pass


class TagSuggester:
    def __init__(self) -> None:
        self.base = "https://api.anthropic.com/v1"
        self.model = "claude-3-5-haiku-latest"
        self.tries = 3
        self.pause = 1.0
        self.http = requests.Session()
        self.http.headers.update(
            {
                "x-api-key": os.getenv("ANTHROPIC_API_KEY", ""),
                "anthropic-version": "2023-06-01",
                "content-type": "application/json",
            }
        )

    def suggest(self, note: str) -> Dict[str, Any]:
        try:
            return self._post(f"Suggest three tags for this note as a JSON list:\n{note}")
        except Exception as exc:  # expect-not: string-matched-error
            if isinstance(exc, ServiceError):
                raise
            raise ServiceError(f"unexpected: {exc}")

    def _post(self, prompt: str) -> Dict[str, Any]:
        body = {"model": self.model, "max_tokens": 1000, "messages": [{"role": "user", "content": prompt}]}
        last = None
        for attempt in range(self.tries):  # expect-not: naive-retry
            try:
                resp = self.http.post(f"{self.base}/messages", json=body, timeout=30)  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, batchable-fanout, uncached-prompt
                if resp.status_code == 200:
                    return resp.json()
                if resp.status_code == 429:
                    wait = int(resp.headers.get("retry-after", 60))
                    if attempt < self.tries - 1:
                        time.sleep(min(wait, 300))
                        continue
                    raise Throttled("still throttled")
                if resp.status_code in (500, 502, 503, 504):
                    if attempt < self.tries - 1:
                        time.sleep(self.pause * (2**attempt))
                        continue
                    raise ServiceError(f"server error {resp.status_code}")
                raise ServiceError(f"error {resp.status_code}: {resp.text}")
            except requests.exceptions.Timeout as exc:
                last = ServiceError(f"timeout: {exc}")
            except requests.exceptions.ConnectionError as exc:
                last = ServiceError(f"connection: {exc}")
            if attempt < self.tries - 1:
                time.sleep(self.pause * (2**attempt))
        raise last or ServiceError("no attempts left")
