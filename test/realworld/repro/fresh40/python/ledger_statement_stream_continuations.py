# realworld repro (negative): naive-retry, nonstreaming-max-tokens, uncached-prompt -- a statement formatter streams
# 64,000-token answers (messages.stream + get_final_message) and loops up to four times only to ask for the rest when
# stop_reason is max_tokens, appending the partial answer; the system prompt read from a file is marked cache_control
# source: gabrielrieger8-cmyk/planilhador-demonstracoes app/services/anthropic_client.py:370
# source: gabrielrieger8-cmyk/planilhador-demonstracoes app/services/anthropic_client.py:372
# source: gabrielrieger8-cmyk/planilhador-demonstracoes app/services/anthropic_client.py:465
from pathlib import Path

import anthropic

PROMPTS = Path(__file__).parent / "prompts"


def structure_statement(raw_tables: str, model: str) -> str:
    client = anthropic.Anthropic()  # expect-not: retries-disabled, hardcoded-api-key
    system_text = (PROMPTS / "statement_format.txt").read_text(encoding="utf-8")
    turns = [{"role": "user", "content": f"Tables extracted from a PDF:\n\n{raw_tables}\n\nStructure them."}]
    collected = ""
    for step in range(4):  # expect-not: naive-retry
        with client.messages.stream(  # expect-not: nonstreaming-max-tokens, missing-max-tokens, uncached-prompt, model-routing, batchable-fanout, unbounded-fanout
            model=model,
            max_tokens=64000,
            system=[{"type": "text", "text": system_text, "cache_control": {"type": "ephemeral"}}],
            messages=turns,
        ) as stream:
            reply = stream.get_final_message()
        part = reply.content[0].text
        collected += part
        if reply.stop_reason != "max_tokens":
            break
        turns.append({"role": "assistant", "content": part})
        turns.append({"role": "user", "content": "Continue exactly where you stopped."})
    return collected
