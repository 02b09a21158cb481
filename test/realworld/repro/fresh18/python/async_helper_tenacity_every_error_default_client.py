# realworld repro (positive): naive-retry -- a shared async completion helper is decorated with tenacity @retry
# (three attempts, exponential wait between 1 and 8 s, no retry= filter) around its only create on a module-level
# default AsyncAnthropic client, so 429s are retried on the library's schedule on top of the SDK's own retries and
# retry-after is never read; model, system and max_tokens arrive as parameters and no loop over data is in the file
# source: higgack/Thesis src/llm/claude.py:8
# source: higgack/Thesis src/llm/claude.py:16
# source: higgack/Thesis src/llm/claude.py:5
from anthropic import AsyncAnthropic
from tenacity import retry, stop_after_attempt, wait_exponential

from . import settings

_claude = AsyncAnthropic(api_key=settings.CLAUDE_KEY)  # expect-not: retries-disabled, hardcoded-api-key


@retry(stop=stop_after_attempt(3), wait=wait_exponential(min=1, max=8))  # expect: naive-retry
async def ask(model: str, system, turns: list[dict], max_tokens: int = 1024) -> str:
    reply = await _claude.messages.create(  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout
        model=model,
        system=system,
        messages=turns,
        max_tokens=max_tokens,
    )
    return "".join(b.text for b in reply.content if getattr(b, "type", "") == "text")


def with_cache(text: str) -> list[dict]:
    return [{"type": "text", "text": text, "cache_control": {"type": "ephemeral"}}]
