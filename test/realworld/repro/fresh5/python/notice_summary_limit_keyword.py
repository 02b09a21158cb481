# realworld repro (positive + negative): string-matched-error -- the except branch lowercases the error text and
# looks for 'limit' among quota/billing words, so a rate limit is recognised by its message instead of by
# RateLimitError; look-alike -- the next test looks for 'authentication' / 'api key' (not a rate limit)
# source: seoshmeo/f1documents claude_summarizer.py:146
# source: seoshmeo/f1documents claude_summarizer.py:148
import logging
import os

import anthropic

log = logging.getLogger(__name__)


class NoticeSummarizer:
    def __init__(self):
        self.client = anthropic.Anthropic(api_key=os.getenv("ANTHROPIC_API_KEY"))

    def summarize(self, text):
        try:
            reply = self.client.messages.create(
                model="claude-haiku-4-5",
                max_tokens=700,
                messages=[{"role": "user", "content": "Summarize this council notice in five bullets:\n" + text}],
            )
            return reply.content[0].text.strip() or None
        except Exception as exc:
            message = str(exc).lower()
            if any(word in message for word in ["quota", "limit", "billing", "credit"]):  # expect: string-matched-error
                log.warning("quota or billing problem: %s", exc)
            elif "authentication" in message or "api key" in message:  # expect-not: string-matched-error
                log.error("bad key: %s", exc)
            else:
                log.error("summary failed: %s", exc)
            return None
