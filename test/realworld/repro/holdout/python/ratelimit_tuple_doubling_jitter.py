# realworld repro (positive): naive-retry -- a provider method loops over create(**kwargs) and catches a
# module-level tuple that includes RateLimitError; it sleeps a doubling delay with jitter and never reads
# retry-after
# source: xmpuspus/cloudwright packages/core/cloudwright/llm/anthropic.py:63
import os
import random
import time

import anthropic

TRIES = int(os.environ.get("DRAFT_TRIES", 3))
TRANSIENT = (anthropic.RateLimitError, anthropic.APIConnectionError, anthropic.InternalServerError)


class Drafter:
    def __init__(self, key=None):
        self.client = anthropic.Anthropic(api_key=key, timeout=120.0)

    def draft(self, model, turns, system, max_tokens=2000):
        options = dict(model=model, max_tokens=max_tokens, system=system, messages=turns)
        delay = 1.0
        for attempt in range(TRIES):  # expect: naive-retry
            try:
                reply = self.client.messages.create(**options)
                return reply.content[0].text
            except TRANSIENT:
                if attempt == TRIES - 1:
                    raise
                time.sleep(delay * (1 + random.uniform(0, 0.5)))
                delay *= 2
