# realworld repro (positive + negative): naive-retry -- two raw-HTTP (httpx) Messages helpers share a shape: a
# three-attempt loop waits on a limiter imported from another module, posts to /v1/messages, sleeps a doubling wait
# of its own on a 429 status (and on transport errors) and goes round again, never reading retry-after; look-alikes:
# 429 decided from the status code (no error text), Haiku constant, max_tokens parameters, no system prompt, the loops
# over items live in other modules
# source: grahamrowe82/pt-edge app/ingest/llm.py:38
# source: grahamrowe82/pt-edge app/ingest/llm.py:98
# source: grahamrowe82/pt-edge app/ingest/llm.py:60
# source: grahamrowe82/pt-edge app/ingest/llm.py:120
# source: grahamrowe82/pt-edge app/ingest/llm.py:42
# source: grahamrowe82/pt-edge app/ingest/llm.py:102
import asyncio
import json
import os

import httpx

from catalog.pacing import CLAUDE_PACER

ENDPOINT = "https://api.anthropic.com/v1/messages"
MODEL_ID = "claude-haiku-4-5"


def _headers() -> dict:
    return {
        "x-api-key": os.environ["ANTHROPIC_API_KEY"],
        "anthropic-version": "2023-06-01",
        "content-type": "application/json",
    }


async def ask_json(prompt: str, *, max_tokens: int = 1500, attempts: int = 3):
    for n in range(attempts):  # expect: naive-retry
        await CLAUDE_PACER.wait()
        try:
            async with httpx.AsyncClient(timeout=45) as http:
                resp = await http.post(  # expect-not: batchable-fanout, model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt
                    ENDPOINT,
                    headers=_headers(),
                    json={"model": MODEL_ID, "max_tokens": max_tokens, "messages": [{"role": "user", "content": prompt}]},
                )
        except httpx.HTTPError as err:
            print(f"transport error on try {n + 1}: {err}")
            await asyncio.sleep(4 * 2**n)
            continue
        if resp.status_code == 429:  # expect-not: string-matched-error
            await asyncio.sleep(min(20 * 2**n, 90))
            continue
        if resp.status_code != 200:
            return None
        try:
            return json.loads(resp.json()["content"][0]["text"])
        except (ValueError, KeyError, IndexError):
            return None
    return None


async def ask_text(prompt: str, *, max_tokens: int = 300, attempts: int = 3):
    for n in range(attempts):  # expect: naive-retry
        await CLAUDE_PACER.wait()
        try:
            async with httpx.AsyncClient(timeout=45) as http:
                resp = await http.post(  # expect-not: batchable-fanout, model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt
                    ENDPOINT,
                    headers=_headers(),
                    json={"model": MODEL_ID, "max_tokens": max_tokens, "messages": [{"role": "user", "content": prompt}]},
                )
        except httpx.HTTPError:
            await asyncio.sleep(4 * 2**n)
            continue
        if resp.status_code == 429:  # expect-not: string-matched-error
            await asyncio.sleep(min(20 * 2**n, 90))
            continue
        if resp.status_code != 200:
            return None
        return resp.json()["content"][0]["text"].strip() or None
    return None
