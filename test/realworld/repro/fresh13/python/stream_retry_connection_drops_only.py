# realworld repro (negative): naive-retry, retries-disabled and hardcoded-api-key look-alikes -- a writer's streaming
# helper loops over attempts but catches only dropped connections and timeouts (httpx read and connect errors,
# APITimeoutError, APIConnectionError), waits a doubling delay and asks the model to continue from the partial text;
# rate limits are not caught and stay with the client's max_retries=2 (the SDK default); the proxy key is 'unused'
# source: dviru-lgtm/bybit-learn-content-writer utils/claude_api.py:259
# source: dviru-lgtm/bybit-learn-content-writer utils/claude_api.py:39
# source: dviru-lgtm/bybit-learn-content-writer utils/claude_api.py:37
import os
import time

import anthropic
import httpx

GATEWAY = os.environ.get("WRITER_GATEWAY", "https://gateway.invalid")
LIMIT = 8192
TRIES = 3


def writer_client(key: str = "") -> anthropic.Anthropic:
    return anthropic.Anthropic(
        base_url=GATEWAY,
        api_key=key or "unused",  # expect-not: hardcoded-api-key
        timeout=httpx.Timeout(600.0, connect=30.0),
        max_retries=2,  # expect-not: retries-disabled
    )


def stream_draft(system_blocks: list, turns: list, model: str = "claude-sonnet-4-6"):
    text = ""
    for attempt in range(TRIES):  # expect-not: naive-retry
        try:
            api = writer_client()
            sent = turns
            if attempt and text:
                sent = turns + [
                    {"role": "assistant", "content": text},
                    {"role": "user", "content": "You were cut off. Continue exactly where you stopped."},
                ]
            with api.messages.stream(model=model, max_tokens=LIMIT, system=system_blocks, messages=sent) as s:  # expect-not: missing-max-tokens
                for piece in s.text_stream:
                    text += piece
                    yield piece
            return
        except (httpx.ReadError, httpx.ReadTimeout, anthropic.APITimeoutError, anthropic.APIConnectionError):
            if attempt == TRIES - 1:
                raise
            time.sleep(2 * 2**attempt)
