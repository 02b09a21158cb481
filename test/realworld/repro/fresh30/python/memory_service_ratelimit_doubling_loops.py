# realworld repro (positive + negative): naive-retry -- two service classes of a personal-memory library each send
# one create inside an attempt loop (max_retries 2, so three tries): RateLimitError sleeps 2^attempt s, any other
# APIError and parse or unexpected errors sleep 1 s, and the loop goes round again; retry-after is never read and
# the clients keep the SDK's own retries; look-alikes: a 100 ms minimum-interval throttle before each request,
# literal max_tokens of 1,024 and 4,096, Sonnet as a constructor default, templates in the user turn
# source: rexdivakar/HippocampAI src/hippocampai/memory_deduplicator.py:187
# source: rexdivakar/HippocampAI src/hippocampai/memory_deduplicator.py:205
# source: rexdivakar/HippocampAI src/hippocampai/memory_deduplicator.py:96
# source: rexdivakar/HippocampAI src/hippocampai/memory_extractor.py:218
# source: rexdivakar/HippocampAI src/hippocampai/memory_extractor.py:228
# source: rexdivakar/HippocampAI src/hippocampai/memory_extractor.py:73
import json
import logging
import os
import time

import anthropic

log = logging.getLogger(__name__)

MERGE_TEMPLATE = """Two notes about the same person follow. Answer with JSON
{{"action": "keep_both|replace|drop_new", "why": "..."}}.

Old note: {old}
New note: {new}"""

HARVEST_TEMPLATE = """List the lasting facts in this chat as a JSON array of
{{"fact": "...", "kind": "habit|goal|fact"}} objects. Chat:
{chat}"""


class _Paced:
    def __init__(self, key=None, model="claude-3-5-sonnet-20241022"):
        self.model = model
        self.client = anthropic.Anthropic(api_key=key or os.getenv("ANTHROPIC_API_KEY"))  # expect-not: retries-disabled, hardcoded-api-key
        self._last = 0.0

    def _pace(self):
        gap = time.time() - self._last
        if gap < 0.1:
            time.sleep(0.1 - gap)
        self._last = time.time()


class NoteMerger(_Paced):
    def decide(self, old: str, new: str, max_retries: int = 2) -> dict:
        for attempt in range(max_retries + 1):  # expect: naive-retry
            try:
                self._pace()
                reply = self.client.messages.create(  # expect-not: string-matched-error, missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
                    model=self.model,
                    max_tokens=1024,
                    temperature=0.0,
                    messages=[{"role": "user", "content": MERGE_TEMPLATE.format(old=old, new=new)}],
                )
                text = reply.content[0].text
                return json.loads(text[text.find("{") : text.rfind("}") + 1])
            except anthropic.RateLimitError as err:
                log.warning("throttled: %s", err)
                if attempt < max_retries:
                    time.sleep(2**attempt)
                else:
                    raise RuntimeError("still throttled") from err
            except anthropic.APIError as err:
                if attempt < max_retries:
                    time.sleep(1)
                else:
                    raise RuntimeError("api failure") from err
            except ValueError as err:
                if attempt < max_retries:
                    time.sleep(1)
                else:
                    raise RuntimeError("unreadable decision") from err
        raise RuntimeError("no decision")


class FactHarvester(_Paced):
    def harvest(self, chat: str, max_retries: int = 2) -> list:
        for attempt in range(max_retries + 1):  # expect: naive-retry
            try:
                self._pace()
                reply = self.client.messages.create(  # expect-not: string-matched-error, missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
                    model=self.model,
                    max_tokens=4096,
                    temperature=0.0,
                    messages=[{"role": "user", "content": HARVEST_TEMPLATE.format(chat=chat)}],
                )
                text = reply.content[0].text
                return json.loads(text[text.find("[") : text.rfind("]") + 1])
            except anthropic.RateLimitError as err:
                log.warning("throttled: %s", err)
                if attempt < max_retries:
                    time.sleep(2**attempt)
                else:
                    raise RuntimeError("still throttled") from err
            except anthropic.APIError as err:
                if attempt < max_retries:
                    time.sleep(1)
                else:
                    raise RuntimeError("api failure") from err
            except ValueError:
                return []
            except Exception as err:
                log.error("unexpected: %s", err)
                if attempt < max_retries:
                    time.sleep(1)
                else:
                    return []
        return []
