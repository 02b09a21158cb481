# realworld repro (positive + negative): naive-retry, nonstreaming-max-tokens -- a document-extraction class has two
# methods that each wrap a streamed create (20,000 and 30,000 max_tokens) in a three-attempt loop; a reply that is not
# JSON sleeps a fixed delay and asks again, and a catch-all handler sleeps the same fixed 5 s and re-sends the whole
# request on any API error (rate limits included) without reading retry-after; look-alikes: both calls stream, the
# model comes from a config lookup, and the file has no loop over documents
# source: ShengzheXu524/cvs src/claude_api.py:98
# source: ShengzheXu524/cvs src/claude_api.py:357
# source: ShengzheXu524/cvs src/claude_api.py:104
# source: ShengzheXu524/cvs src/claude_api.py:365
import json
import logging
import os
import time

from anthropic import Anthropic

log = logging.getLogger("forms")
MODELS = {"default": "claude-sonnet-4-20250514", "fast": "claude-haiku-4-5-20251001"}


class FormReader:
    def __init__(self, key=None, kind="default"):
        self.client = Anthropic(api_key=key or os.getenv("FORMS_CLAUDE_KEY"))  # expect-not: retries-disabled, hardcoded-api-key
        self.model = MODELS.get(kind, kind)

    def summarise(self, text, tries=3, pause=5):
        system = "Read the insurance claim form below and return its fields as one JSON object."
        for attempt in range(tries):  # expect: naive-retry
            try:
                out = ""
                with self.client.messages.stream(  # expect-not: nonstreaming-max-tokens, missing-max-tokens, uncached-prompt, batchable-fanout
                    model=self.model,
                    system=system,
                    messages=[{"role": "user", "content": text}],
                    max_tokens=20000,
                ) as stream:
                    for piece in stream.text_stream:
                        out += piece
                try:
                    return json.loads(out[out.find("{") : out.rfind("}") + 1])
                except json.JSONDecodeError:
                    if attempt < tries - 1:
                        time.sleep(pause)
                    else:
                        return {"error": "not json", "raw": out}
            except Exception as err:
                log.error("request failed: %s", err)
                if attempt < tries - 1:
                    time.sleep(pause)
                else:
                    raise
        return {"error": "no attempt succeeded"}

    def tabulate(self, text, tries=3, pause=5):
        system = "List every line item of the claim form below as a JSON array of objects."
        for attempt in range(tries):  # expect: naive-retry
            try:
                out = ""
                with self.client.messages.stream(  # expect-not: nonstreaming-max-tokens, missing-max-tokens
                    model=self.model,
                    system=system,
                    messages=[{"role": "user", "content": text}],
                    max_tokens=30000,
                ) as stream:
                    for piece in stream.text_stream:
                        out += piece
                try:
                    return json.loads(out[out.find("[") : out.rfind("]") + 1])
                except json.JSONDecodeError:
                    if attempt < tries - 1:
                        time.sleep(pause)
                    else:
                        return {"error": "not json", "raw": out}
            except Exception as err:
                log.error("table request failed: %s", err)
                if attempt < tries - 1:
                    time.sleep(pause)
                else:
                    raise
        return {"error": "no attempt succeeded"}
