# realworld repro (positive + negative): batchable-fanout -- an offline CLI walks the unresolved rows in slices of
# fifty and calls a same-file helper that sends one non-streaming beta create (JSON-schema output) per slice,
# appending the answers to a CSV; look-alikes: an Opus default at 16,000 tokens for a whole slice (not
# classification-sized per call, and under the non-streaming ceiling) and a short system prompt
# source: kanazawatakashi-lgtm/station-food-genre scripts/classify_with_claude.py:80
# source: kanazawatakashi-lgtm/station-food-genre scripts/classify_with_claude.py:122
import argparse
import csv
import json
import os

import anthropic

SLICE = 50
STYLE_SYSTEM = "You sort small shops into one of the listed styles. If the name gives no clue, answer unknown."
SHAPE = {
    "type": "object",
    "properties": {"rows": {"type": "array", "items": {"type": "object"}}},
    "required": ["rows"],
}


def sort_slice(api, model, rows):
    listing = "\n".join(f"{r['id']}\t{r['name']}" for r in rows)
    res = api.beta.messages.create(  # expect: batchable-fanout; expect-not: model-routing, nonstreaming-max-tokens, uncached-prompt, missing-max-tokens
        model=model,
        max_tokens=16000,
        system=STYLE_SYSTEM,
        messages=[{"role": "user", "content": listing}],
        output_config={"format": {"type": "json_schema", "schema": SHAPE}},
    )
    text = next(b.text for b in res.content if b.type == "text")
    return json.loads(text)["rows"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("area")
    ap.add_argument("--model", default=os.environ.get("STYLE_MODEL", "claude-opus-5-5"))
    opts = ap.parse_args()
    rows = [r for r in csv.DictReader(open(f"data/{opts.area}/shops.csv", encoding="utf-8")) if r["style"] == ""]
    api = anthropic.Anthropic()  # expect-not: hardcoded-api-key
    with open(f"data/{opts.area}/styles.csv", "a", newline="", encoding="utf-8") as fh:
        out = csv.DictWriter(fh, fieldnames=["id", "style"])
        for k in range(0, len(rows), SLICE):
            for item in sort_slice(api, opts.model, rows[k : k + SLICE]):
                out.writerow({"id": item.get("id"), "style": item.get("style")})
            fh.flush()


if __name__ == "__main__":
    main()
