# realworld repro (positive + negative): batchable-fanout -- an offline audit command walks every analysed tune in a
# folder, asks Claude for the tune's canonical key and mode through a same-file function (one create per tune, the
# long constant system prompt marked with cache_control, structured JSON output at max_tokens 600), and prints and
# appends each comparison to a JSONL file; look-alikes: the model is a parameter fed from an argparse default naming
# Opus, the system prompt is already cached, an APIError is printed and the loop moves on, placeholders in the help text
# source: jkozelski/stemscribe backend/audit/llm_oracle.py:235
# source: jkozelski/stemscribe backend/audit/llm_oracle.py:325
# source: jkozelski/stemscribe backend/audit/llm_oracle.py:296
import argparse
import glob
import json
import os

import anthropic

GUIDE = """You are a folk-music archivist checking an automatic key detector. Given a tune's title and source,
return the key and mode found in the best-known published collections. Prefer the most common setting; do not
list variants played by single sessions.

Return one JSON object: {"known": bool, "key": str, "mode": str, "note": str}. Set known to false when you are
not sure which tune is meant, when the title is shared by several tunes, or when no published setting exists.
Write keys with a capital letter and a sharp or flat sign where needed (D, G, Bb, F#). Modes are one of
major, minor, dorian, mixolydian. Keep note to one short line, empty when nothing stands out.
""" * 4

SHAPE = {
    "type": "object",
    "properties": {"known": {"type": "boolean"}, "key": {"type": "string"}, "mode": {"type": "string"}, "note": {"type": "string"}},
    "required": ["known", "key", "mode", "note"],
    "additionalProperties": False,
}


def ask_oracle(api, model, title, source):
    return api.messages.create(  # expect: batchable-fanout; expect-not: model-routing, uncached-prompt, nonstreaming-max-tokens, missing-max-tokens, unbounded-fanout
        model=model,
        max_tokens=600,
        system=[{"type": "text", "text": GUIDE, "cache_control": {"type": "ephemeral"}}],
        messages=[{"role": "user", "content": f'Tune: "{title}" from {source}\n\nReturn only the JSON object.'}],
        output_config={"format": {"type": "json_schema", "schema": SHAPE}},
    )


def main():
    cli = argparse.ArgumentParser(description="Export ANTHROPIC_API_KEY=sk-ant-... first.")
    cli.add_argument("--dir", default="analysed")
    cli.add_argument("--model", default="claude-opus-4-7")
    cli.add_argument("--out", default="key_audit.jsonl")
    args = cli.parse_args()
    api = anthropic.Anthropic()  # expect-not: retries-disabled, hardcoded-api-key
    with open(args.out, "w") as sink:
        for path in sorted(glob.glob(os.path.join(args.dir, "*.json"))):
            tune = json.load(open(path))
            try:
                reply = ask_oracle(api, args.model, tune["title"], tune.get("source", ""))
            except anthropic.APIError as err:  # expect-not: naive-retry, string-matched-error
                print(f"{tune['title']}: API error {err.__class__.__name__}: {err}")
                continue
            verdict = json.loads(reply.content[0].text)
            row = {"title": tune["title"], "detected": tune["key"], "oracle": verdict}
            print(json.dumps(row))
            sink.write(json.dumps(row) + "\n")


if __name__ == "__main__":
    main()
