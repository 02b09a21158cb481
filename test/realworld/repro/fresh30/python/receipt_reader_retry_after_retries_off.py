# realworld repro (negative): naive-retry, retries-disabled -- a receipt-photo reader builds its client with
# max_retries=0 and a 60 s timeout and sends its one forced-tool create inside a four-attempt loop that, on a
# RateLimitError, waits the response's retry-after header (capped at 20 s, doubling only when the header is missing
# or unreadable), doubles on 5xx and raises other 4xx; a Gemini fallback posts over raw HTTP in the same kind of loop
# (another provider, so not a Claude retry); Haiku default, 3,000 tokens, no system prompt
# source: Sumitlovanshi/zamp src/tallyproof/extract/vlm.py:166
# source: Sumitlovanshi/zamp src/tallyproof/extract/vlm.py:183
# source: Sumitlovanshi/zamp src/tallyproof/extract/vlm.py:185
# source: Sumitlovanshi/zamp src/tallyproof/extract/vlm.py:289
import base64
import os
import random
import time

import anthropic
import httpx

MODEL = os.environ.get("RECEIPT_MODEL", "claude-haiku-4-5")
TRIES = 4
READ_TOOL = {
    "name": "note_receipt",
    "description": "Copy the printed amounts of a shop receipt.",
    "input_schema": {"type": "object", "properties": {"total": {"type": ["string", "null"]}}, "required": ["total"]},
}
ASK = "Copy every printed amount onto the note_receipt tool exactly as printed; never compute one."


class ReadError(Exception):
    pass


def read_with_claude(image: bytes, media_type: str) -> dict:
    client = anthropic.Anthropic(
        api_key=os.environ["ANTHROPIC_API_KEY"], timeout=60.0, max_retries=0  # expect-not: retries-disabled, hardcoded-api-key
    )
    picture = {"type": "image", "source": {"type": "base64", "media_type": media_type, "data": base64.b64encode(image).decode()}}
    last = None
    for attempt in range(TRIES):  # expect-not: naive-retry
        try:
            msg = client.messages.create(  # expect-not: string-matched-error, missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
                model=MODEL,
                max_tokens=3000,
                tools=[READ_TOOL],
                tool_choice={"type": "tool", "name": "note_receipt"},
                messages=[{"role": "user", "content": [picture, {"type": "text", "text": ASK}]}],
            )
            for block in msg.content:
                if block.type == "tool_use":
                    return dict(block.input)
            raise ReadError("no tool call")
        except anthropic.RateLimitError as err:
            last = err
            header = err.response.headers.get("retry-after") if err.response is not None else None
            try:
                wait = float(header) if header else 2.0 ** (attempt + 1)
            except ValueError:
                wait = 2.0 ** (attempt + 1)
            time.sleep(min(wait, 20) + random.uniform(0, 1))
        except anthropic.APIStatusError as err:
            last = err
            if err.status_code < 500:
                raise ReadError(str(err)) from err
            time.sleep(2**attempt + random.uniform(0, 1))
        except anthropic.APITimeoutError as err:
            last = err
            time.sleep(1)
    raise ReadError(str(last)) from last


def read_with_gemini(image: bytes, media_type: str) -> dict:
    url = "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent"
    body = {"contents": [{"parts": [{"inlineData": {"mimeType": media_type, "data": base64.b64encode(image).decode()}}, {"text": ASK}]}]}
    headers = {"x-goog-api-key": os.environ["GEMINI_API_KEY"]}
    for attempt in range(TRIES):  # expect-not: naive-retry
        with httpx.Client(timeout=60.0) as http:
            resp = http.post(url, json=body, headers=headers)
        if resp.status_code == 429 or resp.status_code >= 500:
            time.sleep(min(2.0 ** (attempt + 1), 20) + random.uniform(0, 1))
            continue
        resp.raise_for_status()
        return resp.json()
    raise ReadError("gemini gave up")
