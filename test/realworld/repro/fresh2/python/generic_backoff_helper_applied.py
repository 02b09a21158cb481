# realworld repro (positive + negative): naive-retry -- a same-file generic back-off helper (rate limits,
# API errors, anything else; doubling sleep, retry-after never read) that the client's generate methods hand
# messages.create to; string-matched-error look-alike -- the helper gives up early on an invalid-key text
# source: bebhuvan/akshara-extract src/claude_client.py:211
# source: bebhuvan/akshara-extract src/claude_client.py:225
import time

import anthropic


class PageReader:
    def __init__(self, attempts=3, pause=2.0):
        self.api = anthropic.Anthropic()
        self.attempts = attempts
        self.pause = pause

    def _with_backoff(self, fn, **params):
        failure = None
        for n in range(self.attempts):  # expect: naive-retry
            try:
                return fn(**params)
            except anthropic.RateLimitError as exc:
                failure = exc
                time.sleep(self.pause * (2**n))
            except anthropic.APIError as exc:
                failure = exc
                text = str(exc).lower()
                if "invalid" in text and "key" in text:  # expect-not: string-matched-error
                    raise
                time.sleep(self.pause * (2**n))
            except Exception as exc:
                failure = exc
                time.sleep(self.pause * (2**n))
        raise failure

    def read(self, page_text, limit=4096):
        reply = self._with_backoff(
            self.api.messages.create,
            model="claude-haiku-4-5",
            max_tokens=limit,
            messages=[{"role": "user", "content": page_text}],
        )
        return reply.content[0].text

    def read_scan(self, encoded_png, limit=4096):
        reply = self._with_backoff(
            self.api.messages.create,
            model="claude-haiku-4-5",
            max_tokens=limit,
            messages=[
                {
                    "role": "user",
                    "content": [
                        {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": encoded_png}},
                        {"type": "text", "text": "Transcribe this page."},
                    ],
                }
            ],
        )
        return reply.content[0].text
