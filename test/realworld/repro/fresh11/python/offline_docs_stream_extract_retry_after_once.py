# realworld repro (positive + negative): batchable-fanout -- an offline CLI sends one streamed extraction per
# document, two local calls below its loop, and appends every document's rows to a JSONL file; naive-retry
# look-alike -- a RateLimitError is followed by a sleep of the retry-after header and one more try; the system
# block is already cached, the call streams its 8000 tokens, and the model comes from the command line
# source: KD1960/Supply-Chain-Innovation-Observatory observatory/claims/extract_trl.py:44
# source: KD1960/Supply-Chain-Innovation-Observatory observatory/claims/extract_trl.py:129
# source: KD1960/Supply-Chain-Innovation-Observatory observatory/claims/extract_trl.py:122
import argparse
import json
import time
from pathlib import Path

import anthropic

GUIDE = "Find every statement about the maturity of a named technology in the document and return them as JSON rows."


def _ask(client, model: str, text: str):
    with client.messages.stream(  # expect: batchable-fanout; expect-not: nonstreaming-max-tokens, missing-max-tokens, uncached-prompt, model-routing
        model=model,
        max_tokens=8000,
        system=[{"type": "text", "text": GUIDE, "cache_control": {"type": "ephemeral"}}],
        messages=[{"role": "user", "content": text}],
    ) as stream:
        return stream.get_final_message()


def rows_for(client, model: str, doc: dict) -> list[dict]:
    reply = _ask(client, model, doc["text"])
    body = next((b.text for b in reply.content if b.type == "text"), "[]")
    return [{"doc": doc["id"], **row} for row in json.loads(body)]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--model", default="claude-sonnet-4-5")
    args = ap.parse_args()
    docs = [json.loads(line) for line in args.docs.read_text().splitlines() if line.strip()]
    client = anthropic.Anthropic()  # expect-not: hardcoded-api-key
    with args.out.open("a", encoding="utf-8") as out:
        for doc in docs:
            try:
                try:
                    rows = rows_for(client, args.model, doc)
                except anthropic.RateLimitError as err:  # expect-not: naive-retry
                    time.sleep(int(err.response.headers.get("retry-after", "30")))
                    rows = rows_for(client, args.model, doc)
            except (anthropic.APIStatusError, ValueError) as err:
                rows = [{"doc": doc["id"], "error": str(err)}]
            for row in rows:
                out.write(json.dumps(row) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
