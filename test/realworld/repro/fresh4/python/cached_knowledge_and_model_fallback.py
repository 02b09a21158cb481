# realworld repro (negative): uncached-prompt look-alike -- a per-message chat call whose large knowledge block
# carries cache_control; model-routing look-alike -- a max_tokens=1 call on the chat model that writes that cache;
# string-matched-error look-alike -- "not_found_error" in the error text picks a fallback model; naive-retry
# look-alikes -- one fallback call on another model after that error, and an interactive input() loop
# source: CollectivaT-dev/ladinobot claude_handler.py:129
# source: CollectivaT-dev/ladinobot claude_handler.py:72
# source: LaDySmOkEs/Due_process_AI src/app/anthropic_helper.py:71
# source: LaDySmOkEs/Due_process_AI src/app/anthropic_helper.py:76
# source: aidev799/aidev-language-models claude_api_test.py:28
import logging
from pathlib import Path

from anthropic import Anthropic

client = Anthropic()
MODEL = "claude-sonnet-4-5"


def knowledge_turn():
    text = "\n".join(p.read_text() for p in sorted(Path("knowledge").glob("*.txt")))
    return {"role": "user", "content": [{"type": "text", "text": text, "cache_control": {"type": "ephemeral"}}]}


KNOWLEDGE = knowledge_turn()


def warm_cache(system):
    client.messages.create(  # expect-not: model-routing
        model=MODEL,
        max_tokens=1,
        system=[{"type": "text", "text": system}],
        messages=[KNOWLEDGE],
    )


def reply(system, history, message):
    turns = [KNOWLEDGE] + [{"role": m["role"], "content": m["content"]} for m in history[-8:]]
    turns.append({"role": "user", "content": message})
    answer = client.messages.create(  # expect-not: uncached-prompt
        model=MODEL,
        max_tokens=1024,
        system=[{"type": "text", "text": system}],
        messages=turns,
    )
    return answer.content[0].text


def analyse(prompt):
    params = dict(system="You are a careful legal assistant.", max_tokens=1200, messages=[{"role": "user", "content": prompt}])
    try:
        return client.messages.create(model=MODEL, **params).content[0].text
    except Exception as err:
        text = str(err)
        if "not_found_error" in text and "model" in text:  # expect-not: string-matched-error
            try:
                return client.messages.create(model="claude-opus-4-1", **params).content[0].text  # expect-not: naive-retry
            except Exception as again:
                logging.error("fallback failed: %s", again)
        return None


def chat_forever(system):
    history = []
    while True:  # expect-not: naive-retry
        line = input("> ")
        if line == "exit":
            break
        try:
            text = reply(system, history, line)
        except Exception as err:
            print(f"error: {err}")
            continue
        history += [{"role": "user", "content": line}, {"role": "assistant", "content": text}]
        print(text)
