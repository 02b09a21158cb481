# realworld repro (positive): batchable-fanout -- a CLI that, given a folder, sends one summary create per PDF
# (one local call down) and writes each summary to its own text file
# source: aih/file-prompt process_file.py:27
import argparse
from pathlib import Path

import anthropic
from pypdf import PdfReader

BRIEF = "Summarise this document in five plain-language bullet points."


def summarise(pdf_path, out_dir, brief=BRIEF):
    client = anthropic.Anthropic()
    text = "".join(page.extract_text() or "" for page in PdfReader(pdf_path).pages)
    reply = client.messages.create(  # expect: batchable-fanout
        model="claude-sonnet-4-5",
        max_tokens=800,
        messages=[{"role": "user", "content": f"{brief}\n\nDocument:\n{text[:12000]}"}],
    )
    (Path(out_dir) / f"{Path(pdf_path).stem}_summary.txt").write_text(reply.content[0].text)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("folder")
    p.add_argument("out")
    args = p.parse_args()
    Path(args.out).mkdir(parents=True, exist_ok=True)
    for pdf in sorted(Path(args.folder).glob("*.pdf")):
        summarise(pdf, args.out)


if __name__ == "__main__":
    main()
