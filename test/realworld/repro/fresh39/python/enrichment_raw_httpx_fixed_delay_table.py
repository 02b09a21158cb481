# realworld repro (positive + negative): naive-retry -- an async client posts to /v1/messages over raw httpx (base
# URL of the API, a 60 s timeout) in a for loop over a fixed table of delays (1, 2, 4 s): a 429 or 5xx status, a
# timeout or a network error sleeps the next delay and posts again, never reading retry-after; the status is tested
# against a set of numbers; a separate availability ping sends max_tokens=1 once
# source: Quantum-L9/Enrichment.Inference.Engine app/services/anthropic_client.py:115
# source: Quantum-L9/Enrichment.Inference.Engine app/services/anthropic_client.py:122
# source: Quantum-L9/Enrichment.Inference.Engine app/services/anthropic_client.py:119
# source: Quantum-L9/Enrichment.Inference.Engine app/services/anthropic_client.py:89
# source: Quantum-L9/Enrichment.Inference.Engine app/services/anthropic_client.py:58
import asyncio

import httpx

API_ROOT = "https://api.anthropic.com"
PAUSES = (1.0, 2.0, 4.0)
TRANSIENT = frozenset({429, 500, 502, 503, 504})


class EnrichmentFailed(RuntimeError):
    pass


class FirmographicsClaude:
    def __init__(self, key: str, model: str = "claude-sonnet-4-5", timeout: int = 60) -> None:
        self.key = key
        self.model = model
        self.timeout = timeout

    def _settings(self) -> dict:
        return {
            "base_url": API_ROOT,
            "headers": {
                "x-api-key": self.key,  # expect-not: hardcoded-api-key
                "anthropic-version": "2023-06-01",
                "content-type": "application/json",
            },
            "timeout": httpx.Timeout(self.timeout),
        }

    async def reachable(self) -> bool:
        try:
            async with httpx.AsyncClient(**self._settings()) as http:
                resp = await http.post(  # expect-not: missing-max-tokens, naive-retry
                    "/v1/messages",
                    json={"model": self.model, "max_tokens": 1, "messages": [{"role": "user", "content": "hi"}]},
                    timeout=5,
                )
            return resp.status_code in (200, 400)
        except Exception:
            return False

    async def ask(self, prompt: str, max_tokens: int = 2000) -> dict:
        payload = {
            "model": self.model,
            "max_tokens": max_tokens,
            "messages": [{"role": "user", "content": prompt}],
        }
        failure = None
        for attempt, pause in enumerate(PAUSES, start=1):  # expect: naive-retry
            try:
                async with httpx.AsyncClient(**self._settings()) as http:
                    resp = await http.post("/v1/messages", json=payload)  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
                if resp.status_code in TRANSIENT:  # expect-not: string-matched-error
                    failure = EnrichmentFailed(f"status {resp.status_code} on try {attempt}")
                    await asyncio.sleep(pause)
                    continue
                resp.raise_for_status()
                return resp.json()
            except (httpx.TimeoutException, httpx.NetworkError) as exc:
                failure = exc
                await asyncio.sleep(pause)
        raise EnrichmentFailed(f"gave up after {len(PAUSES)} tries") from failure
