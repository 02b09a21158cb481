# realworld repro (positive): naive-retry -- a note client whose text and image methods each wrap
# messages.create in a while-counter loop that sleeps 2**n seconds on RateLimitError (retry-after unread)
# source: cdowin/note-processing-agent src/claude_client.py:49
# source: cdowin/note-processing-agent src/claude_client.py:108
import base64
import time

import anthropic
from anthropic import APIError, RateLimitError


class NoteModel:
    def __init__(self, settings):
        self.api = anthropic.Anthropic(api_key=settings.key)
        self.settings = settings

    def tidy(self, prompt, tries=3):
        used = 0
        while used <= tries:  # expect: naive-retry
            try:
                reply = self.api.messages.create(
                    model=self.settings.model,
                    max_tokens=self.settings.limit,
                    system=prompt.get("system", ""),
                    messages=[{"role": "user", "content": prompt.get("user", "")}],
                )
                return reply.content[0].text
            except RateLimitError:
                used += 1
                if used > tries:
                    raise
                time.sleep(2.0**used)
            except APIError:
                raise
        raise RuntimeError("unreachable")

    def tidy_scan(self, prompt, image_bytes, media_type="image/png", tries=3):
        used = 0
        while used <= tries:  # expect: naive-retry
            try:
                data = base64.b64encode(image_bytes).decode()
                reply = self.api.messages.create(
                    model=self.settings.model,
                    max_tokens=self.settings.limit,
                    system=prompt.get("system", ""),
                    messages=[
                        {
                            "role": "user",
                            "content": [
                                {"type": "image", "source": {"type": "base64", "media_type": media_type, "data": data}},
                                {"type": "text", "text": prompt.get("user", "")},
                            ],
                        }
                    ],
                )
                return reply.content[0].text
            except RateLimitError:
                used += 1
                if used > tries:
                    raise
                time.sleep(2.0**used)
        raise RuntimeError("unreachable")
