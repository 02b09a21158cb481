# realworld repro (negative): string-matched-error, naive-retry -- one Haiku call per consensus request with a short
# per-request timeout; a catch-all hands the error to a same-file normaliser that picks its message by exception class
# and status code, and tests text only on a ValueError from the key check ("api key", "credential"); nothing is re-sent
# source: recurzes/ai-consensus-engine app/services/claude_client.py:20
# source: recurzes/ai-consensus-engine app/services/claude_client.py:57
# source: recurzes/ai-consensus-engine app/services/claude_client.py:128
import os

import anthropic
from anthropic import AsyncAnthropic

MODEL = "claude-haiku-4-5"


def describe_failure(exc: Exception) -> str:
    if isinstance(exc, anthropic.RateLimitError):  # expect-not: string-matched-error
        return "Too many requests (429), try again shortly"
    if isinstance(exc, anthropic.APIStatusError):
        return f"Provider error {exc.status_code}"
    if isinstance(exc, ValueError):
        text = str(exc).lower()
        if "api key" in text or "credential" in text:  # expect-not: string-matched-error
            return "Key problem"
        return "Bad configuration"
    return "Unexpected failure"


async def ask_haiku(question: str, persona: str, seconds: int = 10) -> dict:
    try:
        key = os.environ.get("ANTHROPIC_API_KEY", "")
        if not key:
            raise ValueError("api key missing")
        client = AsyncAnthropic(api_key=key)  # expect-not: retries-disabled, hardcoded-api-key
        reply = await client.messages.create(  # expect-not: naive-retry, missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
            model=MODEL,
            max_tokens=4096,
            system=persona,
            messages=[{"role": "user", "content": question}],
            timeout=float(seconds),
        )
        return {"ok": True, "text": reply.content[0].text}
    except Exception as exc:
        return {"ok": False, "error": describe_failure(exc)}
