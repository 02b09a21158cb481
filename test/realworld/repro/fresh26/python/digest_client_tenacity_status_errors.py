# realworld repro (positive + negative): naive-retry -- a small client class decorates its only method with tenacity's
# @retry filtered to RateLimitError and APIStatusError (exponential wait 4-50 s, six attempts, re-raise at the end)
# around a create on a default client that keeps the SDK's own retries; retry-after is never read; look-alikes: the
# filter is by exception class (no error text), max_tokens and the system prompt are parameters, the model an
# imported setting naming no tier, no loop over items in the file
# source: afog28/newsletter-aggregator src/claude_client.py:18
# source: afog28/newsletter-aggregator src/claude_client.py:19
# source: afog28/newsletter-aggregator src/claude_client.py:16
# source: afog28/newsletter-aggregator src/claude_client.py:26
import os

from anthropic import Anthropic, APIStatusError, RateLimitError
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential

from digest.config import DIGEST_MODEL


class DigestWriter:
    def __init__(self):
        self._claude = Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])  # expect-not: retries-disabled, hardcoded-api-key

    @retry(  # expect: naive-retry
        retry=retry_if_exception_type((RateLimitError, APIStatusError)),  # expect-not: string-matched-error
        stop=stop_after_attempt(6),
        wait=wait_exponential(multiplier=2, min=4, max=50),
        reraise=True,
    )
    def write(self, system_text: str, body: str, max_tokens: int = 3000) -> str:
        reply = self._claude.messages.create(  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, batchable-fanout, uncached-prompt
            model=DIGEST_MODEL,
            max_tokens=max_tokens,
            system=system_text,
            messages=[{"role": "user", "content": body}],
        )
        return reply.content[0].text
