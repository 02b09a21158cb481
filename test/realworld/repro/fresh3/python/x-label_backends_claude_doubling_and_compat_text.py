# realworld repro: naive-retry (positive) -- a five-attempt loop around messages.create that sleeps 2**attempt plus
# jitter after RateLimitError and after any other exception, never reading retry-after; naive-retry and
# string-matched-error look-alikes -- the same loop shape, with a "rate limit"/"429" text test, around an
# OpenAI-compatible client
# source: 1mpossible-code/llm-judge-stress-test hai-research/src/judging/backends/anthropic_backend.py:44
# source: 1mpossible-code/llm-judge-stress-test hai-research/src/judging/backends/openai_backend.py:68
# source: 1mpossible-code/llm-judge-stress-test hai-research/src/judging/backends/openai_backend.py:115
import random
import time

import anthropic
from openai import OpenAI

claude = anthropic.Anthropic()
compat = OpenAI(base_url="http://localhost:8000/v1", api_key="FAKE-NOT-A-REAL-KEY")


def label_with_claude(model, prompt, budget):
    for attempt in range(5):  # expect: naive-retry
        try:
            reply = claude.messages.create(
                model=model,
                max_tokens=budget,
                messages=[{"role": "user", "content": prompt}],
            )
            return "".join(b.text for b in reply.content if b.type == "text")
        except anthropic.RateLimitError:
            time.sleep(2**attempt + random.random())
        except Exception:
            time.sleep(2**attempt + random.random())
    return None


def label_with_compat(model, prompt, budget):
    for attempt in range(5):  # expect-not: naive-retry
        try:
            reply = compat.chat.completions.create(
                model=model,
                max_tokens=budget,
                messages=[{"role": "user", "content": prompt}],
            )
            return reply.choices[0].message.content
        except Exception as err:
            words = str(err).lower()
            if "rate limit" in words or "429" in words:  # expect-not: string-matched-error
                time.sleep(max(2.0, 2**attempt))
                continue
            time.sleep(2**attempt)
    return None
