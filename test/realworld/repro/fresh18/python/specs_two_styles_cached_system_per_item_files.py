# realworld repro (positive + negative): batchable-fanout -- an offline CLI loops over the chosen styles and, inside,
# over every record of a manifest, sending one create per record with the model and max_tokens taken from argparse;
# each answer is written to its own text file plus an index line; the per-style system text goes out as a block that
# already carries cache_control; a catch-all per record logs, pauses two seconds and moves on (nothing is resent)
# source: LUC-AI4FM/tla_benchmark scripts/generate_descriptions.py:194
# source: LUC-AI4FM/tla_benchmark scripts/generate_descriptions.py:204
# source: LUC-AI4FM/tla_benchmark scripts/generate_descriptions.py:175
import argparse
import json
import time
from pathlib import Path

import anthropic

BRIEFS = {
    "plain": "You describe a configuration file in plain prose, 100 to 200 words, no lists.",
    "goal": "You restate what a configuration file is for, as a request someone might write.",
}


def load_records(path: Path) -> list[dict]:
    return json.loads(path.read_text())


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--manifest", type=Path, default=Path("manifest.json"))
    ap.add_argument("--styles", nargs="+", default=["plain"])
    ap.add_argument("--model", default="claude-sonnet-4-6")
    ap.add_argument("--max-tokens", type=int, default=1024)
    args = ap.parse_args()

    records = load_records(args.manifest)
    client = anthropic.Anthropic()  # expect-not: retries-disabled, hardcoded-api-key

    for style in args.styles:
        out_dir = Path("described") / style
        out_dir.mkdir(parents=True, exist_ok=True)
        with (out_dir / "index.jsonl").open("a") as index:
            for rec in records:
                body = Path(rec["file"]).read_text()
                try:
                    system = [{"type": "text", "text": BRIEFS[style], "cache_control": {"type": "ephemeral"}}]
                    reply = client.messages.create(  # expect: batchable-fanout; expect-not: uncached-prompt, model-routing, missing-max-tokens, nonstreaming-max-tokens
                        model=args.model, max_tokens=args.max_tokens, system=system,
                        messages=[{"role": "user", "content": body}])
                    text = "".join(b.text for b in reply.content if b.type == "text").strip()
                except Exception as exc:  # expect-not: naive-retry, string-matched-error
                    print(f"{rec['id']} failed: {exc}")
                    time.sleep(2)
                    continue
                (out_dir / f"{rec['id']}.txt").write_text(text)
                index.write(json.dumps({"id": rec["id"], "style": style, "words": len(text.split())}) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
