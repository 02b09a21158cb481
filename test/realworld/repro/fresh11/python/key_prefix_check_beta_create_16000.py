# realworld repro (negative): hardcoded-api-key look-alike -- a key read at run time is checked for the 'sk-ant-'
# prefix; nonstreaming-max-tokens look-alike -- a non-streaming beta create with max_tokens 16000 by default
# source: Stalagmighty/custom-japanese-anki-deck-automation anthropic_client.py:63
# source: Stalagmighty/custom-japanese-anki-deck-automation anthropic_client.py:90
import os
from pathlib import Path

import anthropic

_shared = None


def shared_client() -> anthropic.Anthropic:
    global _shared
    if _shared is None:
        key = (os.getenv("ANTHROPIC_API_KEY") or "").strip()
        if not key:
            key_file = Path(__file__).with_name("claude.key")
            key = key_file.read_text(encoding="utf-8").strip() if key_file.exists() else ""
        if not key.startswith("sk-ant-"):  # expect-not: hardcoded-api-key
            raise ValueError("the Claude key should start with sk-ant-")
        _shared = anthropic.Anthropic(api_key=key)
    return _shared


def write_cards(system: str, user: str, max_tokens: int = 16000) -> str:
    reply = shared_client().beta.messages.create(  # expect-not: nonstreaming-max-tokens
        model="claude-sonnet-4-5",
        max_tokens=max_tokens,
        system=system,
        messages=[{"role": "user", "content": user}],
        betas=["context-management-2025-06-27"],
    )
    return "".join(b.text for b in reply.content if b.type == "text")
