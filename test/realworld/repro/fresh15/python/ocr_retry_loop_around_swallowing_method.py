# realworld repro (negative): naive-retry, batchable-fanout -- an OCR class whose page method catches every exception
# and returns an error string; a separate method retries that page method with doubling waits, but the loop never sees
# an exception; a batch method walks a list of pages with a fixed pause and returns a dict (no entry point in the file)
# source: ho-daddy/pdf_claude_ocr claude_ocr.py:218
# source: ho-daddy/pdf_claude_ocr claude_ocr.py:109
# source: ho-daddy/pdf_claude_ocr claude_ocr.py:167
import base64
import logging
import time

from anthropic import Anthropic


class PageReader:
    def __init__(self, key):
        self.client = Anthropic(api_key=key)  # expect-not: retries-disabled, hardcoded-api-key
        self.log = logging.getLogger(__name__)

    def read(self, path):
        try:
            with open(path, "rb") as fh:
                data = base64.b64encode(fh.read()).decode("ascii")
            reply = self.client.messages.create(  # expect-not: batchable-fanout, model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
                model="claude-3-5-sonnet-20241022",
                max_tokens=4000,
                messages=[
                    {
                        "role": "user",
                        "content": [
                            {"type": "image", "source": {"type": "base64", "media_type": "image/jpeg", "data": data}},
                            {"type": "text", "text": "Transcribe every word on this page, keeping its headings."},
                        ],
                    }
                ],
            )
            return reply.content[0].text if reply.content else "(no text)"
        except Exception as err:
            self.log.error("page %s failed: %s", path, err)
            return f"failed: {err}"

    def read_all(self, paths, pause=1.0):
        found = {}
        for n, path in enumerate(paths):  # expect-not: unbounded-fanout, naive-retry
            try:
                found[n] = {"page": n + 1, "text": self.read(path)}
                if n < len(paths) - 1:
                    time.sleep(pause)
            except Exception as err:
                found[n] = {"page": n + 1, "text": f"failed: {err}"}
        return found

    def read_patiently(self, path, tries=3):
        for attempt in range(tries):  # expect-not: naive-retry
            try:
                return self.read(path)
            except Exception as err:
                if attempt == tries - 1:
                    raise err
                time.sleep(2**attempt)
