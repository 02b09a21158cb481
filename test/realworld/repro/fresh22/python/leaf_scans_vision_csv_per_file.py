# realworld repro (positive + negative): batchable-fanout -- an argparse command line hands a folder to a function
# whose progress-bar loop reads every scan image and calls a same-file helper once per image; the helper sends one
# vision create with a constant system prompt and returns the parsed JSON verdict, which the loop appends to a list
# that becomes a DataFrame written with to_csv; look-alikes: the model is a parameter fed from an argparse default
# naming Sonnet and max_tokens is 512 (above the classification bar), the constant system prompt is short, the
# loop is sequential, the only handler turns bad JSON into an error row, the key comes from the environment
# source: chandrafullstack/mt-image-analysis src/claude_classifier.py:57
# source: chandrafullstack/mt-image-analysis src/claude_classifier.py:96
# source: chandrafullstack/mt-image-analysis src/claude_classifier.py:13
import argparse
import base64
import json
from pathlib import Path

import anthropic
import pandas as pd
from tqdm import tqdm

api = anthropic.Anthropic()  # expect-not: retries-disabled, hardcoded-api-key

GUIDE = """You grade photographs of single plant leaves. Answer with JSON only:
{"state": "HEALTHY" or "DISEASED", "confidence": 0.0 to 1.0, "sign": "one short phrase"}"""


def grade_leaf(png: bytes, model: str = "claude-sonnet-4-5") -> dict:
    picture = base64.standard_b64encode(png).decode("ascii")
    reply = api.messages.create(  # expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
        model=model,
        max_tokens=512,
        system=GUIDE,
        messages=[
            {
                "role": "user",
                "content": [
                    {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": picture}},
                    {"type": "text", "text": "Grade this leaf."},
                ],
            }
        ],
    )
    body = reply.content[0].text.strip()
    try:
        return json.loads(body)
    except json.JSONDecodeError:
        return {"state": "ERROR", "raw": body}


def grade_folder(folder: Path, out_csv: Path, model: str) -> None:
    rows = []
    for scan in tqdm(sorted(folder.glob("*.png")), desc="leaves"):  # expect-not: unbounded-fanout, naive-retry
        verdict = grade_leaf(scan.read_bytes(), model)
        verdict["file"] = scan.name
        rows.append(verdict)
    pd.DataFrame(rows).to_csv(out_csv, index=False)


if __name__ == "__main__":
    cli = argparse.ArgumentParser()
    cli.add_argument("--scans", required=True)
    cli.add_argument("--out", required=True)
    cli.add_argument("--model", default="claude-sonnet-4-5")
    opts = cli.parse_args()
    grade_folder(Path(opts.scans), Path(opts.out), opts.model)
