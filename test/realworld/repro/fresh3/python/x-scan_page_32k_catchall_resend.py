# realworld repro (positive): nonstreaming-max-tokens and naive-retry -- a vision call for one scanned page,
# non-streaming with max_tokens=32000 on a client built without a timeout (the SDK's 10-minute guard refuses it),
# inside an attempt loop whose except re-sends at once on any error, 429s included
# source: Jyothi-cell/pr-regs-translation pdf_processor.py:485
# source: Jyothi-cell/pr-regs-translation pdf_processor.py:458
import base64
import time

import anthropic


class PageReader:
    def __init__(self, key):
        self.client = anthropic.Anthropic(api_key=key)
        self.last = 0.0

    def read_page(self, png_bytes, tries=2):
        data = base64.b64encode(png_bytes).decode("ascii")
        for attempt in range(tries + 1):  # expect: naive-retry
            try:
                wait = 0.5 - (time.time() - self.last)
                if wait > 0:
                    time.sleep(wait)
                reply = self.client.messages.create(  # expect: nonstreaming-max-tokens
                    model="claude-sonnet-4-5",
                    max_tokens=32000,
                    messages=[
                        {
                            "role": "user",
                            "content": [
                                {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": data}},
                                {"type": "text", "text": "Transcribe this page into plain HTML."},
                            ],
                        }
                    ],
                )
                self.last = time.time()
                html = reply.content[0].text.strip()
                if reply.stop_reason == "max_tokens" and attempt < tries:
                    continue
                return html
            except Exception as err:
                print(f"page attempt {attempt + 1} failed: {err}")
                continue
        return ""
