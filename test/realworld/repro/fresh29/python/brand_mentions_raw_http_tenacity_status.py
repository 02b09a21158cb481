# realworld repro (positive + negative): naive-retry -- an async service method posts to /v1/messages over raw HTTP
# (httpx) with the web-search tool; a tenacity decorator (three attempts, exponential wait of 2 to 10 s) retries
# httpx.HTTPStatusError and ConnectError, and raise_for_status turns a 429 into the former, so rate limits are
# re-sent without reading the Retry-After header; look-alikes: the payload carries max_tokens 4,096 on a client with
# a 90 s timeout, Sonnet only as a parameter default, no system prompt, a failed status only printed
# source: dfield18/ai-visibility-backend app/services/anthropic_service.py:85
# source: dfield18/ai-visibility-backend app/services/anthropic_service.py:124
# source: dfield18/ai-visibility-backend app/services/anthropic_service.py:129
import os

import httpx
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential

API_ROOT = "https://api.anthropic.com/v1"


class MentionScanner:
    def __init__(self) -> None:
        self.key = os.environ["ANTHROPIC_API_KEY"]

    def _headers(self) -> dict[str, str]:
        return {
            "x-api-key": self.key,
            "anthropic-version": "2023-06-01",
            "content-type": "application/json",
        }

    @retry(  # expect: naive-retry
        stop=stop_after_attempt(3),
        wait=wait_exponential(multiplier=1, min=2, max=10),
        retry=retry_if_exception_type((httpx.HTTPStatusError, httpx.ConnectError)),
        reraise=True,
    )
    async def ask_with_search(self, question: str, model: str = "claude-sonnet-4-20250514") -> dict:
        body = {
            "model": model,
            "max_tokens": 4096,
            "messages": [{"role": "user", "content": question}],
            "tools": [{"type": "web_search_20250305", "name": "web_search", "max_uses": 3}],
        }

        async with httpx.AsyncClient(timeout=90.0) as http:
            reply = await http.post(  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, batchable-fanout, uncached-prompt
                f"{API_ROOT}/messages",
                headers=self._headers(),
                json=body,
            )
            if not reply.is_success:  # expect-not: string-matched-error
                print(f"[scanner] status {reply.status_code}: {reply.text}")
            reply.raise_for_status()
            data = reply.json()

        words = [b.get("text", "") for b in data.get("content", []) if b.get("type") == "text"]
        return {"answer": "".join(words), "usage": data.get("usage", {})}
