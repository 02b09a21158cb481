# realworld repro (positive + negative): naive-retry -- a shared Claude helper module used by every agent: the plain
# call, the forced-tool call and the tool-use round loop each catch RateLimitError (and timeouts), sleep 2**n s and
# send the same request again, never reading retry-after, on a client with a long timeout and the SDK's own retries;
# long system prompts get cache_control from a same-file helper
# source: Hssingr/content-factory app/services/claude_client.py:196
# source: Hssingr/content-factory app/services/claude_client.py:199
# source: Hssingr/content-factory app/services/claude_client.py:370
# source: Hssingr/content-factory app/services/claude_client.py:463
# source: Hssingr/content-factory app/services/claude_client.py:227
# source: Hssingr/content-factory app/services/claude_client.py:76
import time

import anthropic
import httpx

ATTEMPTS = 3
BASE = 2

_shared = None


def _client() -> anthropic.Anthropic:
    global _shared
    if _shared is None:
        _shared = anthropic.Anthropic(  # expect-not: retries-disabled, hardcoded-api-key
            timeout=httpx.Timeout(timeout=500.0, connect=20.0),
        )
    return _shared


def _system_blocks(text: str):
    if len(text) > 900:
        return [{"type": "text", "text": text, "cache_control": {"type": "ephemeral"}}]
    return text


def ask(system_text: str, question: str, model: str, limit: int = 1024) -> str:
    system = _system_blocks(system_text)
    last = None
    for n in range(ATTEMPTS):  # expect: naive-retry
        try:
            reply = _client().messages.create(  # expect-not: missing-max-tokens, nonstreaming-max-tokens, uncached-prompt, batchable-fanout, unbounded-fanout
                model=model,
                max_tokens=limit,
                system=system,
                messages=[{"role": "user", "content": question}],
            )
            text = reply.content[0].text.strip()
            if not text:
                raise ValueError("empty reply")
            return text
        except (anthropic.RateLimitError, anthropic.APITimeoutError) as exc:  # expect-not: string-matched-error
            last = exc
            if n < ATTEMPTS - 1:
                time.sleep(BASE**n)
        except anthropic.APIError:
            raise
    raise last


def ask_filled(system_text: str, question: str, model: str, tool_name: str, schema: dict) -> dict:
    system = _system_blocks(system_text)
    tool = {"name": tool_name, "description": "structured answer", "input_schema": schema}
    last = None
    for n in range(ATTEMPTS):  # expect: naive-retry
        try:
            reply = _client().messages.create(
                model=model,
                max_tokens=1024,
                system=system,
                tools=[tool],
                tool_choice={"type": "tool", "name": tool_name},
                messages=[{"role": "user", "content": question}],
            )
            for block in reply.content:
                if getattr(block, "type", None) == "tool_use":
                    return block.input
            raise ValueError("no tool_use block")
        except (anthropic.RateLimitError, anthropic.APITimeoutError) as exc:
            last = exc
            if n < ATTEMPTS - 1:
                time.sleep(BASE**n)
        except anthropic.APIError:
            raise
    raise last


def ask_with_search(system_text: str, question: str, model: str, tools: list, rounds: int = 8) -> str:
    system = _system_blocks(system_text)
    turns = [{"role": "user", "content": question}]
    for r in range(rounds):  # expect: naive-retry
        try:
            reply = _client().messages.create(
                model=model,
                max_tokens=4096,
                system=system,
                tools=tools,
                messages=turns,
            )
        except (anthropic.RateLimitError, anthropic.APITimeoutError):
            time.sleep(BASE ** min(r, 2))
            continue
        except anthropic.APIError:
            raise
        if reply.stop_reason == "tool_use":
            turns.append({"role": "assistant", "content": reply.content})
            turns.append(
                {
                    "role": "user",
                    "content": [
                        {"type": "tool_result", "tool_use_id": b.id, "content": "done"}
                        for b in reply.content
                        if getattr(b, "type", None) == "tool_use"
                    ],
                }
            )
            continue
        return "".join(getattr(b, "text", "") for b in reply.content).strip()
    raise ValueError("too many rounds")
