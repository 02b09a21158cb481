# realworld repro (negative): naive-retry, string-matched-error -- a raw-HTTP Messages client waits for a token from
# an imported per-minute limiter, then posts the request; a 429 sleeps the response's Retry-After seconds before
# raising, a tenacity decorator lists httpx errors that the method itself turns into its own exceptions (so it never
# retries), and a fallback re-sends once with a shorter prompt after that Retry-After wait
# source: realtalishaw/super-enigma services/dsl_generator/ai_client.py:91
# source: realtalishaw/super-enigma services/dsl_generator/ai_client.py:193
# source: realtalishaw/super-enigma services/dsl_generator/ai_client.py:142
# source: realtalishaw/super-enigma services/dsl_generator/ai_client.py:135
import asyncio
import os

import httpx
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential

from flow_builder_swallowed_decorator_limiter import wait_turn

MESSAGES_URL = "https://api.anthropic.com/v1/messages"


class QuotaHit(Exception):
    pass


class FlowBuilderClient:
    def __init__(self, api_key: str | None = None):
        self.api_key = api_key or os.environ.get("ANTHROPIC_API_KEY", "")
        self.model = "claude-sonnet-4-5"

    @retry(  # expect-not: naive-retry
        stop=stop_after_attempt(4),
        wait=wait_exponential(multiplier=2, min=2, max=20),
        retry=retry_if_exception_type((httpx.HTTPStatusError, httpx.ConnectError)),
    )
    async def build_flow(self, request_text: str) -> str:
        await wait_turn()
        body = {
            "model": self.model,
            "max_tokens": 3000,
            "messages": [{"role": "user", "content": request_text}],
        }
        headers = {"x-api-key": self.api_key, "anthropic-version": "2023-06-01"}  # expect-not: hardcoded-api-key
        try:
            async with httpx.AsyncClient(timeout=45.0) as http:  # expect-not: retries-disabled
                resp = await http.post(MESSAGES_URL, headers=headers, json=body)  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
                if resp.status_code == 429:  # expect-not: string-matched-error
                    pause = resp.headers.get("retry-after")
                    await asyncio.sleep(float(pause) if pause else 2.0)
                    raise httpx.HTTPStatusError("throttled", request=resp.request, response=resp)
                resp.raise_for_status()
                return resp.json()["content"][0]["text"]
        except httpx.HTTPStatusError as exc:
            if exc.response.status_code == 429:
                raise QuotaHit(str(exc)) from exc
            raise RuntimeError(f"flow request failed: {exc}") from exc
        except httpx.ConnectError as exc:
            raise RuntimeError(f"flow request could not connect: {exc}") from exc

    async def build_flow_or_simpler(self, request_text: str) -> str:
        try:
            return await self.build_flow(request_text)
        except QuotaHit:
            shorter = "\n".join(request_text.splitlines()[:3]) + "\n\nKeep the flow to three steps."
            return await self.build_flow(shorter)  # expect-not: naive-retry
