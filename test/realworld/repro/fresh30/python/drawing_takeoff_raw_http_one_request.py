# realworld repro (negative): a drawing-takeoff service posts one whole plan to /v1/messages over raw HTTP (httpx)
# with a constant instruction system prompt, max_tokens 8,000 and a 300 s timeout; a loop over the rendered page
# images only adds content blocks to that single request, raise_for_status hands any error to the caller, and a
# truncated reply is detected from stop_reason (not error text); the key comes from the environment
# source: KanatVent/vent-automation app/services/claude_service.py:136
# source: KanatVent/vent-automation app/services/claude_service.py:142
# source: KanatVent/vent-automation app/services/claude_service.py:12
import os

import httpx

KEY = os.getenv("ANTHROPIC_API_KEY", "")  # expect-not: hardcoded-api-key
ENDPOINT = "https://api.anthropic.com/v1/messages"

INSTRUCTIONS = """You read building plans and list every pipe run with its diameter and length.
Skip fittings, valves and brackets. Answer with JSON only: {"runs": [{"d_mm": 0, "length_m": 0}]}"""


def ask_model(blocks: list) -> str:
    body = {
        "model": "claude-sonnet-4-20250514",
        "max_tokens": 8000,
        "system": INSTRUCTIONS,
        "messages": [{"role": "user", "content": blocks}],
    }
    headers = {"x-api-key": KEY, "anthropic-version": "2023-06-01", "content-type": "application/json"}
    reply = httpx.post(ENDPOINT, json=body, headers=headers, timeout=300)  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, batchable-fanout, uncached-prompt, naive-retry
    reply.raise_for_status()
    data = reply.json()
    text = data["content"][0]["text"]
    if data.get("stop_reason") == "max_tokens":  # expect-not: string-matched-error
        text += "]}"
    return text


def takeoff(page_images: list[str]) -> str:
    blocks = []
    for number, encoded in enumerate(page_images, start=1):
        blocks.append({"type": "text", "text": f"Sheet {number}:"})
        blocks.append({"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": encoded}})
    blocks.append({"type": "text", "text": "List the pipe runs on these sheets."})
    return ask_model(blocks)
