# realworld repro (positive + negative): batchable-fanout -- a script walks every PDF of a folder (each named by its
# question range) and calls a same-file extractor once per PDF: it builds a default client, sends one Sonnet create
# with the PDF as a document block and a per-file instruction at 16,000 tokens (non-streaming, below 21,333), and on
# any error prints a traceback and returns an empty list; all questions are collected and written to one JSON file
# (the source's claude-3-5-sonnet-20240620 id, whose 8,192-token ceiling makes its max_tokens site an ignore, is
# replaced here by Sonnet 4.5, so 16,000 stays a plain look-alike)
# source: vecear/InfTest scripts/extract_with_claude.py:84
# source: vecear/InfTest scripts/extract_with_claude.py:129
# source: vecear/InfTest scripts/extract_with_claude.py:43
import base64
import json
import os
import re
import traceback
from pathlib import Path

ROOT = Path(__file__).parent
PDFS = ROOT / "papers"


def pull_questions(pdf: Path, first: int, last: int) -> list:
    import anthropic

    key = os.environ.get("ANTHROPIC_API_KEY")
    if not key:
        return []
    client = anthropic.Anthropic(api_key=key)  # expect-not: retries-disabled, hardcoded-api-key
    blob = base64.standard_b64encode(pdf.read_bytes()).decode("utf-8")
    ask = f"List questions {first} to {last} of this paper as JSON with number, stem, choices, answer and reasoning."
    try:
        msg = client.messages.create(  # expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
            model="claude-sonnet-4-5",
            max_tokens=16000,
            messages=[
                {
                    "role": "user",
                    "content": [
                        {"type": "document", "source": {"type": "base64", "media_type": "application/pdf", "data": blob}},
                        {"type": "text", "text": ask},
                    ],
                }
            ],
        )
        return json.loads(msg.content[0].text.strip().strip("`")).get("questions", [])
    except Exception as e:  # expect-not: naive-retry, string-matched-error
        print(f"could not read {pdf.name}: {e}")
        traceback.print_exc()
        return []


def run() -> None:
    gathered = []
    for pdf in sorted(PDFS.glob("*.pdf")):
        span = re.match(r"(\d+)-(\d+)", pdf.stem)
        if not span:
            continue
        gathered.extend(pull_questions(pdf, int(span.group(1)), int(span.group(2))))
    gathered.sort(key=lambda q: q["number"])
    (ROOT / "exam.json").write_text(json.dumps({"questions": gathered}, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    run()
