# realworld repro (positive + negative): batchable-fanout -- an argparse CLI transcribes the requested pages of a
# scanned ledger: main loops over the page numbers (skipping pages whose output file exists) and calls a same-file
# function that renders the page and sends one Opus 4.7 vision create per page with a constant system prompt already
# marked cache_control and a constant max_tokens of 8,000, writing each answer to its own HTML file and a usage JSON;
# a failed page is printed, recorded and skipped; look-alikes: no retry, no text test, default client
# source: acpicornell/nomenclator-1860 scripts/extract_with_claude.py:115
# source: acpicornell/nomenclator-1860 scripts/extract_with_claude.py:222
# source: acpicornell/nomenclator-1860 scripts/extract_with_claude.py:232
# source: acpicornell/nomenclator-1860 scripts/extract_with_claude.py:205
import argparse
import base64
import json
import os
import sys
from pathlib import Path

from anthropic import Anthropic

MODEL = "claude-opus-4-7"
CAP = 8000
OUT = Path("out") / "ledger"
RULES = """You transcribe one page of a hand-ruled parish ledger into HTML.
Each row has five columns: date, name, village, kind of entry, fee.
Output only one <table> with one <tr> per row and exactly five <td> per row.
Keep spellings as written, keep empty cells empty, and add nothing before or after the table."""


def page_jpeg(folder: Path, number: int) -> bytes:
    return (folder / f"scan_{number:03d}.jpg").read_bytes()


def transcribe(client: Anthropic, folder: Path, number: int) -> dict:
    picture = base64.standard_b64encode(page_jpeg(folder, number)).decode("ascii")
    reply = client.messages.create(  # expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
        model=MODEL,
        max_tokens=CAP,
        system=[{"type": "text", "text": RULES, "cache_control": {"type": "ephemeral"}}],
        messages=[
            {
                "role": "user",
                "content": [
                    {"type": "image", "source": {"type": "base64", "media_type": "image/jpeg", "data": picture}},
                    {"type": "text", "text": f"Transcribe ledger page {number}."},
                ],
            }
        ],
    )
    html = "".join(b.text for b in reply.content if b.type == "text")
    (OUT / f"p{number:03d}.html").write_text(html, encoding="utf-8")
    info = {"page": number, "in": reply.usage.input_tokens, "out": reply.usage.output_tokens}
    (OUT / f"p{number:03d}.json").write_text(json.dumps(info), encoding="utf-8")
    return info


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("pages", nargs="*", type=int)
    ap.add_argument("--scans", default="scans")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    if not os.environ.get("ANTHROPIC_API_KEY"):
        sys.exit("set ANTHROPIC_API_KEY first")
    client = Anthropic()  # expect-not: retries-disabled, hardcoded-api-key
    failed = []
    for number in sorted(set(args.pages)):  # expect-not: naive-retry
        if (OUT / f"p{number:03d}.html").exists():
            continue
        try:
            transcribe(client, Path(args.scans), number)
        except Exception as exc:  # expect-not: string-matched-error
            print(f"page {number}: {exc}")
            failed.append((number, str(exc)))
            continue
    print(f"failed pages: {failed}")


if __name__ == "__main__":
    main()
