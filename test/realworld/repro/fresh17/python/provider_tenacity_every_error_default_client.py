# realworld repro (positive): naive-retry -- a provider wrapper's async method calling create on a sync client is
# decorated with tenacity @retry (three attempts, exponential wait 4-60 s) and no retry= filter, so every error,
# 429s included, is retried on the library's wait on top of the SDK's own retries, never reading retry-after
# source: anton-npv/split-personality-stuff src/clients/anthropic_client.py:26
# source: anton-npv/split-personality-stuff src/clients/anthropic_client.py:42
# source: anton-npv/split-personality-stuff src/clients/anthropic_client.py:24
import logging
import os

import anthropic
from tenacity import retry, stop_after_attempt, wait_exponential

log = logging.getLogger(__name__)


class ClaudeBackend:
    def __init__(self, model_id: str, limit: int = 1024, **extra):
        self.model_id = model_id
        self.limit = limit
        self.extra = extra
        self.client = anthropic.Anthropic(api_key=os.getenv("BACKEND_CLAUDE_KEY"))  # expect-not: retries-disabled, hardcoded-api-key

    @retry(stop=stop_after_attempt(3), wait=wait_exponential(multiplier=1, min=4, max=60))  # expect: naive-retry
    async def reply(self, turns):
        try:
            result = self.client.messages.create(  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, batchable-fanout, uncached-prompt
                model=self.model_id,
                messages=[{"role": t["role"], "content": t["content"]} for t in turns],
                max_tokens=self.limit,
                **self.extra,
            )
            return result.content[0].text if result.content else ""
        except Exception as err:  # expect-not: string-matched-error
            log.error("claude call failed: %s", err)
            raise
