# realworld repro (positive + negative): naive-retry -- the module imported by glossary_terms_batch_default.py: a
# labeller class whose method carries a tenacity decorator that retries RateLimitError with an exponential wait and
# never reads retry-after, on a client that keeps the SDK's retries; the create itself is on Haiku with a cached
# system block
# source: notno/corpora src/corpora/classification/client.py:36
# source: notno/corpora src/corpora/classification/client.py:65
import json
from typing import Optional

import anthropic
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential

GLOSSARY_RULES = (
    "You sort words from a game's lore into glossary buckets. Answer with one JSON object: "
    '{"bucket": "creature|place|item|title|other", "confidence": 0.0}.'
)


class GlossaryLabeller:
    MODEL = "claude-haiku-4-5"
    OUTPUT_LIMIT = 1024

    def __init__(self, api_key: Optional[str] = None):
        self.client = anthropic.Anthropic(api_key=api_key)  # expect-not: retries-disabled, hardcoded-api-key

    @retry(  # expect: naive-retry
        retry=retry_if_exception_type(anthropic.RateLimitError),
        wait=wait_exponential(multiplier=2, min=1, max=90),
        stop=stop_after_attempt(4),
    )
    def label_word(self, word: str, origin: str) -> dict:
        reply = self.client.messages.create(  # expect-not: missing-max-tokens, model-routing, uncached-prompt, batchable-fanout
            model=self.MODEL,
            max_tokens=self.OUTPUT_LIMIT,
            system=[{"type": "text", "text": GLOSSARY_RULES, "cache_control": {"type": "ephemeral"}}],
            messages=[{"role": "user", "content": f"Word: {word}"}],
        )
        data = json.loads(reply.content[0].text)
        data["origin"] = origin
        data["word"] = word
        return data
