# realworld repro (positive + negative): naive-retry -- a report engine sends one request per submitted form; an
# inner attempt loop re-sends on RateLimitError or status 429/503/529 after a configured delay that grows by a
# configured factor, never reading retry-after, on a client that keeps the SDK's retries; look-alikes: the status
# test compares codes (no text), the constant system prompt is short (~600 tokens), model and max_tokens come
# from configuration, and the outer loop walks configured models (left out: the fallback pause, labelled ignore)
# source: khalouiyesser/IaIndus src/dsl_engine.py:159
# source: khalouiyesser/IaIndus src/dsl_engine.py:162
# source: khalouiyesser/IaIndus src/dsl_engine.py:173
# source: khalouiyesser/IaIndus src/dsl_engine.py:217
import time

import anthropic

from settings import MODELS, OUT_TOKENS, TRIES, FIRST_WAIT, GROWTH

GUIDE = """You are a plant reliability assistant. Read the shift form and answer with a JSON object holding
a short title, a one-line summary, the likely cause, three corrective steps and a follow-up check.
Use the numbers from the form, keep every field to two sentences, and return JSON only."""


def ask(api, model, form_text):
    wait = FIRST_WAIT
    for n in range(1, TRIES + 1):  # expect: naive-retry
        try:
            reply = api.messages.create(  # expect-not: batchable-fanout, model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt
                model=model,
                max_tokens=OUT_TOKENS,
                system=GUIDE,
                messages=[{"role": "user", "content": form_text}],
            )
            return reply.content[0].text
        except (anthropic.RateLimitError, anthropic.APIStatusError) as err:
            again = isinstance(err, anthropic.RateLimitError) or getattr(err, "status_code", None) in (429, 503, 529)  # expect-not: string-matched-error
            if again and n < TRIES:
                time.sleep(wait)
                wait *= GROWTH
            else:
                raise
    raise RuntimeError("out of attempts")


def build_report(form_text, key):
    api = anthropic.Anthropic(api_key=key)  # expect-not: retries-disabled, hardcoded-api-key
    for model in MODELS:  # expect-not: unbounded-fanout
        try:
            return ask(api, model, form_text)
        except anthropic.AuthenticationError:
            return None
        except anthropic.APIConnectionError:
            return None
    return None
