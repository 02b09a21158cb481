# realworld repro (negative): naive-retry, string-matched-error -- a raw httpx client for the Messages endpoint keeps
# a per-instance one-minute window and refuses calls beyond its budget (returns None); a failed status is logged with
# the start of the body and returns None, so nothing is sent again and no rate-limit wording is tested
# source: grzemiz-stack/transport-intelligence src/utils/claude_client.py:83
# source: grzemiz-stack/transport-intelligence src/utils/claude_client.py:98
# source: grzemiz-stack/transport-intelligence src/utils/claude_client.py:39
import logging
import time

import httpx

log = logging.getLogger(__name__)


class RouteAnalyst:
    URL = "https://api.anthropic.com/v1/messages"

    def __init__(self, key: str, model: str = "claude-sonnet-4-20250514", per_minute: int = 5):  # expect-not: hardcoded-api-key
        self.key = key
        self.model = model
        self.per_minute = per_minute
        self.stamps: list[float] = []
        self.http = httpx.AsyncClient(timeout=60.0)

    def under_budget(self) -> bool:
        now = time.time()
        self.stamps = [t for t in self.stamps if t >= now - 60]
        if len(self.stamps) >= self.per_minute:
            return False
        self.stamps.append(now)
        return True

    async def explain(self, question: str, system: str, cap: int = 4096) -> str | None:
        if not self.under_budget():
            log.warning("local budget of %d calls a minute used up", self.per_minute)
            return None
        try:
            resp = await self.http.post(  # expect-not: naive-retry, batchable-fanout, model-routing, uncached-prompt, nonstreaming-max-tokens
                self.URL,
                headers={"x-api-key": self.key, "anthropic-version": "2023-06-01", "content-type": "application/json"},
                json={"model": self.model, "max_tokens": cap, "system": system,
                      "messages": [{"role": "user", "content": question}]},
            )
            if resp.status_code != 200:  # expect-not: string-matched-error
                log.error("analyst call failed %d: %s", resp.status_code, resp.text[:200])
                return None
            return resp.json()["content"][0]["text"]
        except Exception as err:
            log.error("analyst call raised: %s", err)
            return None
