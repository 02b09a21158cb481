# realworld repro (positive + negative): naive-retry -- two attempt loops around messages.create that wait
# 5/10/20 s after RateLimitError and 1/2/4 s after any other Exception (retry-after never read), one returning a
# fallback record after the last try, one raising; hardcoded-api-key look-alike -- an "sk-ant-..." setup hint
# source: ArnavShahor/prisoners src/anthropic_api.py:73
# source: ArnavShahor/prisoners src/anthropic_api.py:198
# source: ArnavShahor/prisoners src/anthropic_api.py:319
import os
import time

import anthropic
from anthropic import RateLimitError


def ask_with_usage(prompt, system="You are a careful negotiator.", model="claude-sonnet-4-20250514", tries=3):
    api = anthropic.Anthropic(api_key=os.getenv("ANTHROPIC_API_KEY"))
    last = None
    for n in range(tries):  # expect: naive-retry
        try:
            msg = api.messages.create(
                model=model,
                max_tokens=1024,
                system=system,
                messages=[{"role": "user", "content": prompt}],
                timeout=60.0,
            )
            return {"text": msg.content[0].text, "tokens": msg.usage.output_tokens, "failed": False}
        except RateLimitError as exc:
            last = exc
            if n < tries - 1:
                time.sleep((2**n) * 5)
        except Exception as exc:
            last = exc
            if n < tries - 1:
                time.sleep(2**n)
    return {"text": '{"decision": "accept"}', "tokens": 0, "failed": True, "error": str(last)}


def ask(prompt, system="You are a careful negotiator.", model="claude-sonnet-4-20250514", tries=3):
    api = anthropic.Anthropic(api_key=os.getenv("ANTHROPIC_API_KEY"))
    last = None
    for n in range(tries):  # expect: naive-retry
        try:
            msg = api.messages.create(
                model=model,
                max_tokens=1024,
                system=system,
                messages=[{"role": "user", "content": prompt}],
                timeout=60.0,
            )
            return msg.content[0].text
        except RateLimitError as exc:
            last = exc
            if n < tries - 1:
                time.sleep((2**n) * 5)
        except Exception as exc:
            last = exc
            if n < tries - 1:
                time.sleep(2**n)
    raise RuntimeError(f"gave up after {tries} tries: {last}")


if __name__ == "__main__":
    if not os.getenv("ANTHROPIC_API_KEY"):
        print("Set it first: export ANTHROPIC_API_KEY=sk-ant-...")  # expect-not: hardcoded-api-key
