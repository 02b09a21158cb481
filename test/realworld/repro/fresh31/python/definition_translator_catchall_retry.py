# realworld repro (positive + negative): naive-retry + batchable-fanout -- a module-level offline script translates
# every listed entry and each of its parts, one create per text through two same-file functions, appending the
# results to JSONL; the helper builds a client per call and retries any Exception after 2^attempt s (four tries),
# never reading retry-after; look-alikes: the model comes from an argument, max_tokens 2,000, a short constant
# system prompt, a prefix check on the key from the environment
# source: hhiyassat/arabic-framenet scripts/03_agent_translate_defs.py:32
# source: hhiyassat/arabic-framenet scripts/03_agent_translate_defs.py:34
# source: hhiyassat/arabic-framenet scripts/03_agent_translate_defs.py:36
# source: hhiyassat/arabic-framenet scripts/03_agent_translate_defs.py:29
# source: hhiyassat/arabic-framenet scripts/03_agent_translate_defs.py:31
import argparse
import json
import os
import sys
import time

ap = argparse.ArgumentParser()
ap.add_argument("--ids", required=True)
ap.add_argument("--model", default="claude-sonnet-4-6")
a = ap.parse_args()

GUIDE = "Translate the definition into formal Spanish. Keep capitalised role names unchanged. Output only the translation."


def send(system: str, user: str) -> str:
    import anthropic

    key = os.environ.get("ANTHROPIC_API_KEY", "")
    if not key.startswith("sk-ant-"):  # expect-not: hardcoded-api-key
        sys.exit("no usable key")
    client = anthropic.Anthropic(api_key=key)  # expect-not: retries-disabled
    for attempt in range(4):  # expect: naive-retry
        try:
            msg = client.messages.create(model=a.model, max_tokens=2000, system=system, messages=[{"role": "user", "content": user}])  # expect: batchable-fanout; expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt
            return "".join(b.text for b in msg.content if b.type == "text").strip()
        except Exception as err:  # expect-not: string-matched-error
            if attempt == 3:
                raise
            time.sleep(2 ** attempt)


entries = {json.loads(l)["id"]: json.loads(l) for l in open("source/entries.jsonl", encoding="utf-8")}
parts = [json.loads(l) for l in open("source/parts.jsonl", encoding="utf-8")]
out = open("out/translated.jsonl", "a", encoding="utf-8")


def render(rec, text):
    out.write(json.dumps({**rec, "definition_es": send(GUIDE, text)}, ensure_ascii=False) + "\n")


for eid in sorted(int(x) for x in open(a.ids).read().split()):
    render(entries[eid], entries[eid]["definition"])
    for part in (p for p in parts if p["entry_id"] == eid):
        render(part, part["definition"])
