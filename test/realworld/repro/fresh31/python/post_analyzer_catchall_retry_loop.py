# realworld repro (positive + negative): naive-retry -- a service class shares one helper for its per-post analyses:
# an attempt loop of three around the create catches every Exception, logs it and sleeps 2^attempt s before sending
# the same request again; retry-after is never read and the client keeps the SDK's own retries; look-alikes: the model
# comes from settings, max_tokens is 1,000, the callers each handle one post and fall back on any error
# source: Maybe4a6f7365/social-media-content-analyzer src/services/claude_service.py:108
# source: Maybe4a6f7365/social-media-content-analyzer src/services/claude_service.py:110
# source: Maybe4a6f7365/social-media-content-analyzer src/services/claude_service.py:118
# source: Maybe4a6f7365/social-media-content-analyzer src/services/claude_service.py:19
import json
import logging
import time

from anthropic import Anthropic

log = logging.getLogger(__name__)


class Settings:
    API_KEY = None
    TONE_MODEL = "model-from-env"


class ToneService:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.client = Anthropic(api_key=settings.API_KEY)  # expect-not: retries-disabled, hardcoded-api-key

    async def tone_of(self, post: str) -> dict:
        try:
            return json.loads(self._send(f"Rate the tone of this post as JSON {{\"tone\": ...}}:\n{post}"))
        except Exception as err:
            log.error("tone failed: %s", err)
            return {"tone": "neutral"}

    def _send(self, prompt: str, tries: int = 3) -> str:
        for attempt in range(tries):  # expect: naive-retry
            try:
                reply = self.client.messages.create(  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout
                    model=self.settings.TONE_MODEL,
                    max_tokens=1000,
                    temperature=0.1,
                    messages=[{"role": "user", "content": prompt}],
                )
                return reply.content[0].text
            except Exception as err:  # expect-not: string-matched-error
                log.warning("attempt %d failed: %s", attempt + 1, err)
                if attempt < tries - 1:
                    time.sleep(2 ** attempt)
                else:
                    raise err
