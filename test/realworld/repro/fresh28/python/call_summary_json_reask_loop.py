# realworld repro (negative): a summary client asks again only when the reply does not parse as JSON for the
# schema (its max_retries is that re-ask count and never reaches the SDK); the create sits outside any try, so
# an API error, a rate limit included, leaves on the first attempt; the request is not streamed at 16,384
# tokens, under the 21,333 bound
# source: bwhittakre/Earnings-Call-Summarizer src/llm/anthropic_client.py:81
# source: bwhittakre/Earnings-Call-Summarizer src/llm/anthropic_client.py:82
# source: bwhittakre/Earnings-Call-Summarizer src/llm/anthropic_client.py:65
import json

import anthropic
from pydantic import BaseModel, ValidationError


class Digest(BaseModel):
    headline: str
    points: list[str]


class DigestClient:
    def __init__(self, key: str, model: str, max_retries: int = 1):
        self.client = anthropic.Anthropic(api_key=key)  # expect-not: retries-disabled, hardcoded-api-key
        self.model = model
        self.max_retries = max_retries

    def digest(self, system_text: str, transcript: str) -> Digest:
        for attempt in range(self.max_retries + 1):  # expect-not: naive-retry
            reply = self.client.messages.create(  # expect-not: nonstreaming-max-tokens, missing-max-tokens, string-matched-error, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
                model=self.model,
                max_tokens=16384,
                system=system_text,
                messages=[{"role": "user", "content": transcript}],
            )
            raw = "".join(b.text for b in reply.content if b.type == "text")
            try:
                return Digest.model_validate(json.loads(raw))
            except (ValueError, ValidationError):
                if attempt < self.max_retries:
                    continue
                raise
        raise RuntimeError("no digest")
