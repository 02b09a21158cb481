# realworld repro (negative): nonstreaming-max-tokens and naive-retry -- a helper probes the remaining
# token budget from the rate-limit headers, then streams a long answer (20,000 tokens); its caller walks
# the sections of a document once each, with no try and no retry
# source: chenandrewy/Prompts-to-Paper utils.py:168
# source: chenandrewy/Prompts-to-Paper utils.py:276
import time
from datetime import datetime, timezone

import anthropic

client = anthropic.Anthropic()


def write_latex(prompt, max_tokens):
    probe = client.messages.with_raw_response.create(
        model="claude-haiku-4-5", max_tokens=1, messages=[{"role": "user", "content": "."}]
    )
    left = int(probe.headers.get("anthropic-ratelimit-tokens-remaining", 0))
    reset = datetime.fromisoformat(probe.headers.get("anthropic-ratelimit-tokens-reset").replace("Z", "+00:00"))
    if left < 5000:
        time.sleep(max(0, (reset - datetime.now(timezone.utc)).total_seconds()) + 5)
    params = {"model": "claude-sonnet-4-5", "max_tokens": max_tokens, "messages": [{"role": "user", "content": prompt}]}
    text = ""
    with client.messages.stream(**params) as stream:  # expect-not: nonstreaming-max-tokens
        for piece in stream.text_stream:
            text += piece
    return text


def convert(sections):
    out = []
    for number, section in enumerate(sections):  # expect-not: naive-retry
        print(f"section {number + 1} of {len(sections)}")
        out.append(write_latex(f"Convert to LaTeX:\n{section}", max_tokens=20000))
    return "\n\n".join(out)
