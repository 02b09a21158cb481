# realworld repro (positive + negative): naive-retry -- tenacity @retry with a predicate that accepts
# RateLimitError and server errors, exponential wait, three attempts, on a method whose create runs on a
# client with the SDK's retries on (retry-after never read); the caller's loop over a fixed table of
# sections is paced by a delay and logs a failed section before moving on (not a retry)
# source: ColemanDavis1/Daily-Markets-Briefing ai_synthesizer.py:608
# source: ColemanDavis1/Daily-Markets-Briefing ai_synthesizer.py:392
import logging
import time

import anthropic
from tenacity import retry, retry_if_exception, stop_after_attempt, wait_exponential

log = logging.getLogger("brief")
PARTS = {"rates": "Interest rates", "energy": "Energy", "tech": "Technology"}
PAUSE = 2.0


def transient(err):
    if isinstance(err, (anthropic.RateLimitError, anthropic.APIConnectionError)):
        return True
    return isinstance(err, anthropic.APIStatusError) and err.status_code >= 500


class Briefing:
    def __init__(self, key):
        self.client = anthropic.Anthropic(api_key=key)

    def build(self, notes):
        out = {}
        for slug, title in PARTS.items():  # expect-not: naive-retry
            time.sleep(PAUSE)
            try:
                out[slug] = self._ask(title, notes.get(slug, ""))
            except Exception as err:
                log.error("part %s failed: %s", slug, err)
                out[slug] = "(unavailable)"
        return out

    @retry(  # expect: naive-retry
        retry=retry_if_exception(transient),
        stop=stop_after_attempt(3),
        wait=wait_exponential(multiplier=2, min=4, max=30),
        reraise=True,
    )
    def _ask(self, title, notes):
        reply = self.client.messages.create(
            model="claude-sonnet-4-5",
            max_tokens=1500,
            system=f"Summarise today's {title} news.",
            messages=[{"role": "user", "content": notes}],
        )
        return reply.content[0].text
