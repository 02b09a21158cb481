# realworld repro (positive + negative): batchable-fanout -- a CLI re-labels the entries still uncategorised in chunks
# of an argparse size (default 25) through a same-file function: one Haiku 4.5 create per chunk whose constant
# category-menu system prompt already carries cache_control; the labels are applied and the JSON file rewritten at
# the end; a failed chunk is printed and skipped
# source: RedHiwiK/image-prompt-vault scripts/llm_classify.py:139
# source: RedHiwiK/image-prompt-vault scripts/llm_classify.py:195
# source: RedHiwiK/image-prompt-vault scripts/llm_classify.py:199
# source: RedHiwiK/image-prompt-vault scripts/llm_classify.py:189
import argparse
import json
import sys

import anthropic

HAIKU = "claude-haiku-4-5-20251001"
SHELVES = [("Poetry", "verse and song lyrics"), ("Recipes", "cooking steps"), ("Letters", "personal letters")]
MENU = (
    "Sort each snippet onto exactly one shelf. Shelves:\n"
    + "\n".join(f"- {name}: {hint}" for name, hint in SHELVES)
    + "\nReply with a JSON array of {\"id\": str, \"shelf\": str}."
)


def pieces(seq, size):
    for k in range(0, len(seq), size):
        yield seq[k:k + size]


def shelve(client, group):
    body = json.dumps([{"id": g["id"], "text": g["text"][:1200]} for g in group])
    out = client.messages.create(  # expect: batchable-fanout; expect-not: uncached-prompt, model-routing, missing-max-tokens, nonstreaming-max-tokens
        model=HAIKU,
        max_tokens=4096,
        system=[{"type": "text", "text": MENU, "cache_control": {"type": "ephemeral"}}],
        messages=[{"role": "user", "content": "Snippets:\n" + body}],
    )
    return json.loads("".join(b.text for b in out.content if b.type == "text"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int, default=25)
    args = ap.parse_args()
    with open("snippets.json", encoding="utf-8") as f:
        data = json.load(f)
    todo = [d for d in data if d["shelf"] == "Unsorted"]
    client = anthropic.Anthropic()  # expect-not: retries-disabled, hardcoded-api-key
    by_id = {d["id"]: d for d in data}
    for n, group in enumerate(pieces(todo, args.size), start=1):  # expect-not: naive-retry, unbounded-fanout
        try:
            result = shelve(client, group)
        except Exception as e:  # expect-not: string-matched-error
            print(f"group {n} failed: {e}", file=sys.stderr)
            continue
        for r in result:
            if r.get("id") in by_id:
                by_id[r["id"]]["shelf"] = r.get("shelf", "Unsorted")
    with open("snippets.json", "w", encoding="utf-8") as f:
        json.dump(data, f, indent=2)


if __name__ == "__main__":
    main()
