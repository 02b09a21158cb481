# realworld repro (positive + negative): naive-retry -- two helpers of an outreach tool, each building its own
# default client per call: one drafts a short JSON pitch in a three-attempt loop whose handler catches RateLimitError
# together with JSONDecodeError and waits a linear 20 s times the attempt, the other writes a long post in a
# three-attempt loop that waits a linear 40 s times the attempt on RateLimitError and re-raises anything else
# (retry-after never read in either; the SDK's own retries stay on underneath); the command line handles one lead,
# so nothing fans out; look-alikes: Sonnet at 600 and 3,000 tokens (not classification-sized), class-based handlers,
# the key from a settings module
# source: Mahaveersonii/grade-capital-guest-posting-v2 send_pitch.py:56
# source: Mahaveersonii/grade-capital-guest-posting-v2 send_pitch.py:70
# source: Mahaveersonii/grade-capital-guest-posting-v2 send_pitch.py:29
# source: Mahaveersonii/grade-capital-guest-posting-v2 article_writer.py:75
# source: Mahaveersonii/grade-capital-guest-posting-v2 article_writer.py:77
# source: Mahaveersonii/grade-capital-guest-posting-v2 article_writer.py:83
import json
import sys
import time
from typing import Optional

import anthropic
from settings import API_KEY, ABOUT_US


def draft_pitch(shop: str, trade: str) -> Optional[dict]:
    api = anthropic.Anthropic(api_key=API_KEY)  # expect-not: retries-disabled, hardcoded-api-key
    ask = f"""Suggest a guest article for the "{shop}" newsletter ({trade}).
About us: {ABOUT_US}
Reply with JSON only: {{"title": "...", "points": ["...", "...", "..."], "hook": "..."}}"""
    for n in range(3):  # expect: naive-retry
        try:
            reply = api.messages.create(  # expect-not: batchable-fanout, model-routing, missing-max-tokens, nonstreaming-max-tokens
                model="claude-sonnet-4-5",
                max_tokens=600,
                messages=[{"role": "user", "content": ask}],
            )
            return json.loads(reply.content[0].text.strip())
        except (json.JSONDecodeError, anthropic.RateLimitError) as err:  # expect-not: string-matched-error
            wait = 20 * (n + 1)
            print(f"retry {n + 1}/3 after {wait}s: {err}")
            time.sleep(wait)
        except Exception as err:
            print(f"gave up: {err}")
            return None
    return None


def write_post(title: str, points: list) -> str:
    api = anthropic.Anthropic(api_key=API_KEY)  # expect-not: retries-disabled, hardcoded-api-key
    outline = "\n".join(f"- {p}" for p in points)
    ask = f"Write a 1,500-word article titled {title!r} covering:\n{outline}"
    for n in range(3):  # expect: naive-retry
        try:
            reply = api.messages.create(  # expect-not: batchable-fanout, model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
                model="claude-sonnet-4-5",
                max_tokens=3000,
                messages=[{"role": "user", "content": ask}],
            )
            return reply.content[0].text.strip()
        except anthropic.RateLimitError:  # expect-not: string-matched-error
            time.sleep(40 * (n + 1))
        except Exception:
            raise
    raise RuntimeError("no article after 3 attempts")


if __name__ == "__main__":
    pitch = draft_pitch(sys.argv[1], sys.argv[2])
    if pitch:
        print(write_post(pitch["title"], pitch["points"]))
