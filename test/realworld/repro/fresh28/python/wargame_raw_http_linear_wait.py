# realworld repro (positive + negative): naive-retry -- an async raw-HTTP (aiohttp) Messages client re-posts after a
# 429 or 5xx status, a timeout or a client error, three attempts with a linear wait of its own (3 s, then 6 s);
# retry-after is never read, an empty answer is re-sent too, and only after the last attempt does a 429 become the
# app's quota error; look-alikes: the payload carries max_tokens from the instance, Sonnet only as a constructor
# default, system passed per call, handlers keep the error text for the log and decide by the numeric status
# source: Veland55/NewsWargameBot bot/claude.py:87
# source: Veland55/NewsWargameBot bot/claude.py:91
# source: Veland55/NewsWargameBot bot/claude.py:111
import asyncio
import json
import logging

import aiohttp

log = logging.getLogger(__name__)

MESSAGES_URL = "https://api.anthropic.com/v1/messages"


class QuotaHit(RuntimeError):
    pass


class EmptyReply(RuntimeError):
    pass


class DigestWriter:
    def __init__(self, key: str, model: str = "claude-sonnet-5", max_tokens: int = 900, attempts_extra: int = 2):
        self.key = key
        self.model = model
        self.max_tokens = max_tokens
        self.attempts_extra = attempts_extra
        self._session: aiohttp.ClientSession | None = None

    async def _http(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60))
        return self._session

    async def write(self, text: str, system: str | None = None) -> str:
        body: dict[str, object] = {
            "model": self.model,
            "max_tokens": self.max_tokens,
            "messages": [{"role": "user", "content": text}],
        }
        if system:
            body["system"] = system
        headers = {"x-api-key": self.key, "anthropic-version": "2023-06-01", "content-type": "application/json"}

        problem = "unknown"
        status: int | None = None
        for attempt in range(1, self.attempts_extra + 2):  # expect: naive-retry
            status = None
            try:
                http = await self._http()
                async with http.post(MESSAGES_URL, json=body, headers=headers) as resp:  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, batchable-fanout, uncached-prompt
                    raw = await resp.text()
                    if resp.status == 200:
                        try:
                            return self._text(raw)
                        except EmptyReply as exc:
                            problem = str(exc)
                    else:
                        problem = f"HTTP {resp.status}: {raw[:200]}"
                        status = resp.status
                        if resp.status < 500 and resp.status != 429:
                            break
            except asyncio.TimeoutError:  # expect-not: string-matched-error
                problem = "request timed out"
            except aiohttp.ClientError as exc:
                problem = f"{type(exc).__name__}: {exc}"

            if attempt <= self.attempts_extra:
                pause = 3 * attempt
                log.warning("attempt %s failed (%s), again in %ss", attempt, problem, pause)
                await asyncio.sleep(pause)

        if status == 429:
            raise QuotaHit(problem)
        raise RuntimeError(problem)

    @staticmethod
    def _text(raw: str) -> str:
        data = json.loads(raw)
        text = "".join(p.get("text", "") for p in data.get("content") or [] if p.get("type") == "text").strip()
        if not text:
            raise EmptyReply(f"empty reply, stop_reason={data.get('stop_reason')}")
        return text
