# realworld repro (positive): naive-retry -- a multi-provider generate helper whose attempt loop re-sends the
# Anthropic branch's messages.create after a linear 4 s x attempt pause on rate limits and a fixed 4 s otherwise
# (retry-after never read); string-matched-error -- the rate-limit path is chosen by testing the exception's class
# name and message as strings ("RateLimitError", "429", "rate limit")
# source: dpolonia/virtual-interview-generator interactive_interviews.py:230
# source: dpolonia/virtual-interview-generator interactive_interviews.py:270
import time

import anthropic
import openai


def make_client(provider, key):
    if provider == "anthropic":
        return {"provider": provider, "model": "claude-sonnet-4-5", "client": anthropic.Anthropic(api_key=key)}
    return {"provider": provider, "model": "gpt-4o", "client": openai.OpenAI(api_key=key)}


def generate(cfg, prompt, max_tokens=3000, tries=3, pause=4):
    client = cfg["client"]
    for attempt in range(tries):  # expect: naive-retry
        try:
            if cfg["provider"] == "anthropic":
                reply = client.messages.create(
                    model=cfg["model"],
                    max_tokens=max_tokens,
                    messages=[{"role": "user", "content": prompt}],
                )
                return reply.content[0].text
            reply = client.chat.completions.create(
                model=cfg["model"],
                max_tokens=max_tokens,
                messages=[{"role": "user", "content": prompt}],
            )
            return reply.choices[0].message.content
        except Exception as e:
            kind = type(e).__name__
            if "RateLimitError" in kind or "429" in str(e) or "rate limit" in str(e).lower():  # expect: string-matched-error
                if attempt < tries - 1:
                    time.sleep(pause * (attempt + 1))
                    continue
            if attempt < tries - 1:
                time.sleep(pause)
            else:
                return f"generation failed: {kind}"
    return "generation failed"
