# realworld repro (positive + negative): naive-retry -- a writing helper builds its client (optional proxy base_url,
# explicit timeout) and resends the create five times; the catch-all handler sleeps 30 s growing by half each time
# (capped at two minutes), never reading retry-after; string-matched-error look-alike -- the handler scans the error
# text for gateway status codes (502/503/504/524) and HTML pages, which is not rate-limit wording
# source: WW-shan/novelCreating short_novel/core/ai_client.py:83
# source: WW-shan/novelCreating short_novel/core/ai_client.py:85
# source: WW-shan/novelCreating short_novel/core/ai_client.py:97
import os
import time

import httpx
from anthropic import Anthropic

KEY = os.environ.get("STORY_KEY", "")
RELAY = os.environ.get("STORY_RELAY", "")
STORY_MODEL = os.environ.get("STORY_MODEL", "claude-opus-4-6")


def write_scene(brief: str, ask: str, budget: int = 4096, tries: int = 5, first_wait: float = 30.0) -> str:
    limits = httpx.Timeout(300, connect=60.0)
    if RELAY:
        writer = Anthropic(api_key=KEY, base_url=RELAY, timeout=limits)
    else:
        writer = Anthropic(api_key=KEY, timeout=limits)

    wait = first_wait
    failure = None
    for n in range(tries):  # expect: naive-retry
        try:
            out = writer.messages.create(  # expect-not: nonstreaming-max-tokens, model-routing, uncached-prompt, missing-max-tokens
                model=STORY_MODEL,
                max_tokens=budget,
                system=brief,
                messages=[{"role": "user", "content": ask}],
            )
            return out.content[0].text
        except Exception as err:
            failure = err
            text = str(err)
            gateway_down = "524" in text or "502" in text or "503" in text or "<html" in text  # expect-not: string-matched-error
            if n < tries - 1:
                print("relay busy" if gateway_down else text[:120], f"- waiting {wait:.0f}s")
                time.sleep(wait)
                wait = min(wait * 1.5, 120)
    raise failure
