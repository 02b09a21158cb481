# realworld repro (negative): naive-retry and string-matched-error look-alikes -- a provider adapter POSTs to
# /v1/messages in a three-try loop that sends again only when the status is 5xx and the body's message reads like an
# overload, or when the request timed out; any other status, a 429 included, is handed back to the caller at once
# source: sahilhd/unify src/unillm/adapters/anthropic_adapter.py:38
# source: sahilhd/unify src/unillm/adapters/anthropic_adapter.py:57
# source: sahilhd/unify src/unillm/adapters/anthropic_adapter.py:40
import time

import requests

OVERLOAD_WORDS = ("overloaded", "temporarily unavailable", "internal error")


class ClaudeHttpAdapter:
    def __init__(self, key: str, timeout: float = 60.0):
        self.key = key
        self.timeout = timeout
        self.endpoint = "https://api.anthropic.com/v1/messages"

    def _post(self, body: dict, tries: int = 3) -> requests.Response:
        for n in range(tries):  # expect-not: naive-retry
            try:
                resp = requests.post(self.endpoint, headers=self._headers(), json=body, timeout=self.timeout)  # expect-not: missing-max-tokens, nonstreaming-max-tokens
                if resp.status_code == 200:
                    return resp
                if resp.status_code >= 500:
                    detail = (resp.json() if resp.text else {}).get("error", {}).get("message", "").lower()
                    if any(word in detail for word in OVERLOAD_WORDS):  # expect-not: string-matched-error
                        if n < tries - 1:
                            time.sleep(2 ** n)
                            continue
                return resp
            except requests.exceptions.Timeout:
                if n < tries - 1:
                    time.sleep(2 ** n)
                    continue
                raise
        return resp

    def chat(self, model: str, turns: list, system: str | None = None, limit: int | None = None) -> str:
        body = {"model": model, "messages": turns, "max_tokens": limit or 2048}
        if system:
            body["system"] = system
        resp = self._post(body)
        if resp.status_code != 200:
            raise RuntimeError(f"Claude request failed with {resp.status_code}")
        return resp.json()["content"][0]["text"]

    def _headers(self) -> dict:
        return {"x-api-key": self.key, "anthropic-version": "2023-06-01", "content-type": "application/json"}
