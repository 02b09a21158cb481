# realworld repro (positive + negative): naive-retry -- a review-reply helper class whose only Claude helper carries
# tenacity's @retry on any Exception (three attempts, exponential wait between 2 and 10 s): rate limits are retried
# without reading retry-after, on top of the SDK's own retries; the public methods call it for one review at a time
# and their handlers log and fall back; a batch method loops over reviews with a fixed pause and only returns the
# list to its caller in another module; look-alikes: the model is an attribute (Haiku by default) at 500 tokens,
# the constant system prompt is short, the key is handed in by the caller
# source: Afolabi-cyber/tolaram-yt-agent claude_classifier.py:166
# source: Afolabi-cyber/tolaram-yt-agent claude_classifier.py:176
# source: Afolabi-cyber/tolaram-yt-agent claude_classifier.py:111
# source: Afolabi-cyber/tolaram-yt-agent claude_classifier.py:140
# source: Afolabi-cyber/tolaram-yt-agent claude_classifier.py:39
import logging
import time

import anthropic
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential

log = logging.getLogger(__name__)

TONE = """You answer shop reviews for a bakery. Be kind and brief.
Never argue with the customer. Offer to help when something went wrong."""


class ReviewResponder:
    def __init__(self, key: str, model: str = "claude-3-5-haiku-latest"):
        self.api = anthropic.Anthropic(api_key=key)  # expect-not: retries-disabled, hardcoded-api-key
        self.model = model

    def reply_to(self, review: str) -> dict:
        try:
            text = self._ask(f"Review: {review}\nWrite a two-sentence reply.")
            return {"reply": text, "by": "claude"}
        except Exception as err:  # expect-not: string-matched-error
            log.error("reply failed: %s", err)
            return {"reply": "", "by": "fallback"}

    def reply_all(self, reviews: list, pause: float = 1.0) -> list:
        answered = []
        for review in reviews:  # expect-not: unbounded-fanout
            answered.append(self.reply_to(review["text"]))
            time.sleep(pause)
        return answered

    @retry(  # expect: naive-retry
        retry=retry_if_exception_type(Exception),
        wait=wait_exponential(multiplier=1, min=2, max=10),
        stop=stop_after_attempt(3),
    )
    def _ask(self, prompt: str) -> str:
        reply = self.api.messages.create(  # expect-not: batchable-fanout, model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
            model=self.model,
            max_tokens=500,
            system=TONE,
            messages=[{"role": "user", "content": prompt}],
        )
        return reply.content[0].text.strip()
