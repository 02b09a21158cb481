# realworld repro (positive + negative): string-matched-error, naive-retry -- a scene-card extractor class: its
# request helper loops ten attempts around messages.create and, in a catch-all handler, decides that an error is a
# rate limit by looking for 'rate_limit_error' or '429' in its text, then sleeps 2 s doubling to a minute (no jitter,
# never retry-after); look-alikes: the overload test on the line above uses overload words only, the per-scene loop
# returns the cards to its caller (library code, no entry point), 4,096 tokens, no system prompt, the client is
# handed in
# source: mikedobing/moviecreator screenplay/scene_breakdown.py:149
# source: mikedobing/moviecreator screenplay/scene_breakdown.py:148
# source: mikedobing/moviecreator screenplay/scene_breakdown.py:109
# source: mikedobing/moviecreator screenplay/scene_breakdown.py:111
import json
import time

from anthropic import Anthropic

import settings


class SceneCards:
    def __init__(self, api: Anthropic, model: str = settings.CLAUDE_MODEL):
        self.api = api
        self.model = model

    def cards_for(self, scenes: list) -> list:
        cards = []
        for scene in scenes:
            cards.append(json.loads(self._ask(f"Describe the shots for scene {scene['number']}:\n{scene['text']}")))
            time.sleep(settings.PAUSE)
        return cards

    def _ask(self, text: str) -> str:
        tries = 10
        first = 2.0
        for n in range(tries):  # expect: naive-retry
            try:
                msg = self.api.messages.create(  # expect-not: batchable-fanout, model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt, unbounded-fanout, retries-disabled
                    model=self.model,
                    max_tokens=4096,
                    messages=[{"role": "user", "content": text}],
                )
                body = msg.content[0].text
                json.loads(body)
                return body
            except Exception as e:
                busy = "overloaded_error" in str(e) or "529" in str(e)  # expect-not: string-matched-error
                limited = "rate_limit_error" in str(e) or "429" in str(e)  # expect: string-matched-error
                if busy or limited:
                    if n < tries - 1:
                        time.sleep(min(first * (2 ** n), 60))
                        continue
                elif n < 3:
                    time.sleep(first * (n + 1))
                    continue
                raise
        raise RuntimeError(f"gave up after {tries} tries")
