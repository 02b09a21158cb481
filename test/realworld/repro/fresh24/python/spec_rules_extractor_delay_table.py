# realworld repro (positive + negative): naive-retry -- an extractor class sends one create per text piece inside a
# three-attempt loop whose rate-limit and API-error handlers sleep a fixed table of delays (2, 5, 15 s) and go round,
# never reading retry-after, on a default client; look-alike: the merge request is tried once and falls back to the
# unmerged list on any error; model from the constructor, 4,096 tokens
# source: dhruvsavla/f6_conversion_engine_backend ingestion/extractor/llm_extractor.py:109
# source: dhruvsavla/f6_conversion_engine_backend ingestion/extractor/llm_extractor.py:140
# source: dhruvsavla/f6_conversion_engine_backend ingestion/extractor/llm_extractor.py:268
import json
import logging
import time

import anthropic

from specparse.prompts import RULES_SYSTEM, merge_prompt, piece_prompt

log = logging.getLogger(__name__)

DELAYS = [2, 5, 15]


class SpecRuleExtractor:
    def __init__(self, model: str = "claude-sonnet-4-6"):
        self.client = anthropic.Anthropic()  # expect-not: retries-disabled, hardcoded-api-key
        self.model = model

    def extract_piece(self, piece) -> list[dict]:
        ask = piece_prompt(piece)
        for n in range(len(DELAYS)):  # expect: naive-retry
            try:
                reply = self.client.messages.create(  # expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens
                    model=self.model,
                    max_tokens=4096,
                    system=RULES_SYSTEM,
                    messages=[{"role": "user", "content": ask}],
                )
                return json.loads(reply.content[0].text)
            except anthropic.RateLimitError:  # expect-not: string-matched-error
                if n < len(DELAYS) - 1:
                    log.warning("rate limited, pausing %ss", DELAYS[n])
                    time.sleep(DELAYS[n])
                else:
                    raise
            except anthropic.APIError:
                if n < len(DELAYS) - 1:
                    time.sleep(DELAYS[n])
                else:
                    raise
        return []

    def merge(self, rules: list[dict], section: str) -> list[dict]:
        try:
            reply = self.client.messages.create(  # expect-not: naive-retry, model-routing, missing-max-tokens, nonstreaming-max-tokens
                model=self.model,
                max_tokens=4096,
                system=RULES_SYSTEM,
                messages=[{"role": "user", "content": merge_prompt(rules, section)}],
            )
            return json.loads(reply.content[0].text)
        except Exception as err:
            log.error("merge failed for %s: %s", section, err)
            return rules
