# realworld repro (positive + negative): batchable-fanout -- an extractor class walks every page of a receipts PDF:
# its run method loops over the pages and reaches one Sonnet vision create per page two same-file methods down
# (handle_page, then read_receipt, through self.), appends each answer to a list saved to JSON every ten pages and at
# the end, and sleeps a fixed 0.5 s after each page; errors are returned as dicts or appended and the loop moves on;
# look-alikes: a constant user instruction after the image (no system prompt), 2,000 tokens, default client
# source: leopalha/exxquema scripts/extract_with_claude.py:78
# source: leopalha/exxquema scripts/extract_with_claude.py:171
# source: leopalha/exxquema scripts/extract_with_claude.py:124
# source: leopalha/exxquema scripts/extract_with_claude.py:21
import base64
import json
import os
import time
from pathlib import Path

from anthropic import Anthropic

ASK = """Read this shop receipt and answer with JSON only:
{"shop": str, "tax_id": str, "date": "YYYY-MM-DD", "total": number, "lines": [{"item": str, "qty": number, "price": number}]}
Use null for anything you cannot read."""


class ReceiptReader:
    def __init__(self, folder, key=None):
        self.pages = sorted(Path(folder).glob("*.png"))
        self.rows = []
        self.client = Anthropic(api_key=key or os.environ.get("ANTHROPIC_API_KEY"))  # expect-not: retries-disabled, hardcoded-api-key

    def read_receipt(self, png, index):
        picture = base64.standard_b64encode(png.read_bytes()).decode("utf-8")
        try:
            answer = self.client.messages.create(  # expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
                model="claude-3-5-sonnet-20241022",
                max_tokens=2000,
                messages=[
                    {
                        "role": "user",
                        "content": [
                            {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": picture}},
                            {"type": "text", "text": ASK},
                        ],
                    }
                ],
            )
            row = json.loads(answer.content[0].text.strip())
            row["page"] = index + 1
            return row
        except Exception as e:  # expect-not: string-matched-error
            return {"page": index + 1, "error": str(e)}

    def handle_page(self, index):
        row = self.read_receipt(self.pages[index], index)
        if not row.get("error"):
            print(f"page {index + 1}: {row.get('shop')}")
        time.sleep(0.5)
        return row

    def save(self):
        Path("receipts.json").write_text(json.dumps(self.rows, indent=2), encoding="utf-8")

    def run(self):
        for index in range(len(self.pages)):  # expect-not: naive-retry
            try:
                self.rows.append(self.handle_page(index))
                if len(self.rows) % 10 == 0:
                    self.save()
            except Exception as e:
                print(f"page {index + 1} failed: {e}")
                self.rows.append({"page": index + 1, "error": str(e)})
        self.save()


if __name__ == "__main__":
    reader = ReceiptReader("receipt_pages")
    reader.run()
