# realworld repro (positive + negative): batchable-fanout, unbounded-fanout -- a command-line OCR tool lists the PNG
# pages of a folder and submits one task per page to a thread pool sized by a MAX_WORKERS environment variable (5 by
# default); each task calls a same-file helper that sends one Claude 3 Haiku image create and then writes the page's
# text to its own file; look-alikes: the pool is sized by configuration, the model is already Haiku, the constant
# system string is short, and the as_completed loop only prints failures
# source: ryanwatts-getben/textract claude_ocr.py:27
# source: ryanwatts-getben/textract claude_ocr.py:126
# source: ryanwatts-getben/textract claude_ocr.py:128
import base64
import concurrent.futures
import os
import sys

import anthropic

INSTRUCTIONS = "Copy the printed text of this scanned page exactly. If the page is empty, answer EMPTY."


def read_page(png_path):
    client = anthropic.Anthropic()  # expect-not: retries-disabled
    with open(png_path, "rb") as fh:
        data = base64.b64encode(fh.read()).decode("ascii")
    reply = client.messages.create(  # expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
        model="claude-3-haiku-20240307",
        max_tokens=4096,
        system=INSTRUCTIONS,
        messages=[
            {
                "role": "user",
                "content": [
                    {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": data}},
                    {"type": "text", "text": INSTRUCTIONS},
                ],
            }
        ],
    )
    return " ".join(part.text for part in reply.content if hasattr(part, "text")).strip()


def handle(png_path):
    stem, _ = os.path.splitext(png_path)
    text = read_page(png_path)
    with open(f"{stem}_text.txt", "w", encoding="utf-8") as fh:
        fh.write(text)


def main():
    folder = sys.argv[1]
    lanes = int(os.environ.get("MAX_WORKERS", 5))
    pages = [os.path.join(folder, n) for n in os.listdir(folder) if n.lower().endswith(".png")]
    with concurrent.futures.ThreadPoolExecutor(max_workers=lanes) as pool:
        jobs = {pool.submit(handle, page): page for page in pages}  # expect-not: unbounded-fanout
        for done in concurrent.futures.as_completed(jobs):  # expect-not: naive-retry
            try:
                done.result()
            except Exception as err:
                print(jobs[done], "failed:", err)


if __name__ == "__main__":
    main()
