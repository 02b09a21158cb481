# realworld repro (negative): retries-disabled -- Anthropic(api_key=..., max_retries=5) raises the SDK's
# retry count; nothing is disabled
# source: SeanGMONeill/LLMAssistedScraper anthropic_client.py:18
import json

from anthropic import Anthropic


class CastExtractor:
    def __init__(self, key, model="claude-haiku-4-5"):
        self.model = model
        self.client = Anthropic(api_key=key, max_retries=5)  # expect-not: retries-disabled

    def extract(self, page, show):
        reply = self.client.messages.create(
            model=self.model,
            max_tokens=4096,
            messages=[{"role": "user", "content": f"List the cast of {show} in JSON:\n{page}"}],
        )
        return json.loads(reply.content[0].text)
