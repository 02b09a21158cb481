# realworld repro (positive): naive-retry -- tenacity @retry(wait_exponential, stop_after_attempt(3)) on a
# scorer method that sends images to Claude on a client with the SDK's own retries; every exception is
# retried, retry-after never read
# source: ryannayak28/kumbh-setu-claude-hackathon video/api/app/vlm/claude.py:23
import base64
from pathlib import Path

import anthropic
from tenacity import retry, stop_after_attempt, wait_exponential


def image_part(path):
    data = base64.b64encode(Path(path).read_bytes()).decode("ascii")
    return {"type": "image", "source": {"type": "base64", "media_type": "image/jpeg", "data": data}}


class FrameScorer:
    def __init__(self, key):
        self._client = anthropic.Anthropic(api_key=key)

    @retry(wait=wait_exponential(multiplier=1, min=1, max=8), stop=stop_after_attempt(3))  # expect: naive-retry
    def score(self, sheet, target):
        content = [image_part(sheet), {"type": "text", "text": f"Which tiles show {target}? JSON only."}]
        reply = self._client.messages.create(
            model="claude-sonnet-4-5",
            max_tokens=1024,
            temperature=0,
            messages=[{"role": "user", "content": content}],
        )
        return "".join(block.text for block in reply.content if block.type == "text")
