# realworld repro (negative): naive-retry look-alike -- a loop that retries messages.create only on
# RateLimitError and waits through an imported handler that sleeps the error's retry-after header (or the reset
# time); any other error ends the attempt
# source: mnesler/vector-mtg scripts/embeddings/extract_card_tags.py:208
import json
import logging

from anthropic import Anthropic, RateLimitError

from ratelimits import wait_for_reset  # sleeps int(error.response.headers["retry-after"]) when present

log = logging.getLogger(__name__)


class Tagger:
    def __init__(self, model="claude-3-5-haiku-20241022"):
        self.api = Anthropic()
        self.model = model

    def tags_for(self, name, rules_text, tries=5):
        used = 0
        while used <= tries:  # expect-not: naive-retry
            try:
                reply = self.api.messages.create(
                    model=self.model,
                    max_tokens=1000,
                    temperature=0.1,
                    system="You tag board-game cards by what they do. Return only a JSON list.",
                    messages=[{"role": "user", "content": f"{name}\n{rules_text}"}],
                )
                return json.loads(reply.content[0].text)
            except Exception as exc:
                if isinstance(exc, RateLimitError):
                    used += 1
                    if used > tries:
                        return []
                    wait_for_reset(exc)
                    continue
                log.error("tagging %s failed: %s", name, exc)
                return []
