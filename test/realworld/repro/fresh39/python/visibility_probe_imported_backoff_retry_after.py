# realworld repro (negative): naive-retry, cross-file -- a provider adapter posts to /v1/messages over raw httpx
# (web-search tool, one-sentence system prompts, max_tokens from settings) through a backoff helper imported from a
# sibling module, which retries 429s with jittered exponential waits but waits the retry-after header when present
# source: micheleDibi/edunews24-ai-visibility-monitor app/clients/anthropic_client.py:105
# source: micheleDibi/edunews24-ai-visibility-monitor app/clients/anthropic_client.py:62
import os
import time

import httpx

from visibility_probe_backoff import ProbeError, post_with_backoff

SEARCH_SYSTEM = "Answer the user's question in Italian and cite the web sources you used."
MEMORY_SYSTEM = "Answer the user's question in Italian without searching and name the sources you remember."


class ClaudeProbe:
    name = "anthropic"

    def __init__(self, model: str, max_tokens: int, timeout: float) -> None:
        self.model = model
        self.max_tokens = max_tokens
        self.http = httpx.AsyncClient(
            base_url="https://api.anthropic.com",
            timeout=timeout,
            headers={
                "x-api-key": os.environ["PROBE_ANTHROPIC_KEY"],  # expect-not: hardcoded-api-key
                "anthropic-version": "2023-06-01",
                "content-type": "application/json",
            },
        )

    def body(self, query: str, search: bool) -> dict:
        body = {
            "model": self.model,
            "max_tokens": self.max_tokens,
            "system": SEARCH_SYSTEM if search else MEMORY_SYSTEM,
            "messages": [{"role": "user", "content": query}],
        }
        if search:
            body["tools"] = [{"type": "web_search_20250305", "name": "web_search", "max_uses": 3}]
        return body

    async def probe(self, query: str, search: bool = True) -> dict:
        started = time.monotonic()
        resp = await post_with_backoff(  # expect-not: naive-retry, missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
            self.http, provider=self.name, url="/v1/messages", json=self.body(query, search)
        )
        try:
            data = resp.json()
        except ValueError as exc:
            raise ProbeError(f"anthropic: not JSON: {resp.text[:300]}") from exc
        data["latency_ms"] = int((time.monotonic() - started) * 1000)
        return data
