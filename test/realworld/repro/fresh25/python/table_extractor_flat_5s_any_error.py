# realworld repro (positive + negative): naive-retry -- a benchmark helper builds its client in the function (default
# SDK retries), then re-sends a create(**params) up to three times; its handler catches every exception, prints it,
# tests the text only for a gateway hint ('404', 'Invalid URL') and sleeps a flat 5 s before the next try (no growth,
# no jitter, no retry-after); look-alikes: the text test is no rate-limit test, the params dict carries max_tokens
# from a parameter (default 10,240, under the non-streaming bar), the system prompt is the caller's, the key comes
# from a .env file, and the module's entry point asks one test question
# source: SetonLiang/Doc2DB-Bench llm/claude.py:103
# source: SetonLiang/Doc2DB-Bench llm/claude.py:119
# source: SetonLiang/Doc2DB-Bench llm/claude.py:135
# source: SetonLiang/Doc2DB-Bench llm/claude.py:66
# source: SetonLiang/Doc2DB-Bench llm/claude.py:47
import os
import time

from anthropic import Anthropic
from dotenv import dotenv_values

settings = dotenv_values(os.path.join(os.path.dirname(__file__), ".env"))


def extract_table(page_text, instructions=None, model="claude-sonnet-4-5", max_tokens=10240):
    key = settings.get("LLM_KEY") or settings.get("ANTHROPIC_API_KEY")  # expect-not: hardcoded-api-key
    if not key:
        raise ValueError("no key in .env")
    gateway = settings.get("ANTHROPIC_GATEWAY")
    if gateway:
        client = Anthropic(api_key=key, base_url=gateway.rstrip("/"))
    else:
        client = Anthropic(api_key=key)  # expect-not: retries-disabled
    turns = [{"role": "user", "content": page_text}]
    text = ""
    for n in range(3):  # expect: naive-retry
        try:
            params = {"model": model, "max_tokens": max_tokens, "messages": turns}
            if instructions is not None:
                params["system"] = instructions
            reply = client.messages.create(**params)  # expect-not: missing-max-tokens, nonstreaming-max-tokens, batchable-fanout, model-routing, uncached-prompt
            text = "".join(b.text for b in reply.content if b.type == "text")
            return text
        except Exception as err:
            detail = str(err)
            print(f"table extraction failed (try {n + 1}/3): {err}")
            if "404" in detail or "Invalid URL" in detail:  # expect-not: string-matched-error
                print("hint: the gateway may not speak the Messages format")
            if n < 2:
                time.sleep(5)
            else:
                raise
    return text


if __name__ == "__main__":
    print(extract_table("Which model are you?"))
