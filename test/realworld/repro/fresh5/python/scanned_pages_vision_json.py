# realworld repro (positive + negative): batchable-fanout -- an offline converter sends one Sonnet vision create
# per page image already on disk and writes each reply to its own JSON file inside the loop; naive-retry
# look-alike -- the per-page except prints and moves on to the next page
# source: afreefaw/pdf-to-WCAG-html claude_processor.py:102
# source: afreefaw/pdf-to-WCAG-html claude_processor.py:133
import base64
import json
import os

import anthropic


def convert_pages(page_files, instructions, out_dir="replies"):
    os.makedirs(out_dir, exist_ok=True)
    client = anthropic.Anthropic()
    for number, page_file in enumerate(page_files, 1):
        try:
            with open(page_file, "rb") as f:
                data = base64.b64encode(f.read()).decode()
            reply = client.messages.create(  # expect: batchable-fanout
                model="claude-sonnet-4-5",
                max_tokens=4096,
                messages=[
                    {
                        "role": "user",
                        "content": [
                            {"type": "text", "text": instructions},
                            {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": data}},
                        ],
                    }
                ],
            )
            with open(os.path.join(out_dir, f"page{number}.json"), "w") as out:
                json.dump({"page": page_file, "html": reply.content[0].text}, out)
        except Exception as exc:  # expect-not: naive-retry
            print(f"page {number} failed: {exc}")
            continue


if __name__ == "__main__":
    pages = sorted(os.path.join("pages", name) for name in os.listdir("pages") if name.endswith(".png"))
    convert_pages(pages, "Turn this page into accessible HTML.")
