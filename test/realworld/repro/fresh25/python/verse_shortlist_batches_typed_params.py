# realworld repro (negative): batchable-fanout, model-routing and missing-max-tokens look-alikes -- a research
# script builds one request dict per paragraph (Opus, max_tokens from a top-level constant, json_schema output) and
# submits them all at once through messages.batches.create, each params dict unpacked into the SDK's
# MessageCreateParamsNonStreaming; the client keeps its default retries and reads the key from the environment
# source: plutonneplaneta/intertext scripts/llm_enrich.py:299
# source: plutonneplaneta/intertext scripts/llm_enrich.py:298
import json
import sys

import anthropic
from anthropic.types.message_create_params import MessageCreateParamsNonStreaming
from anthropic.types.messages.batch_create_params import Request

MODEL = "claude-opus-5"
MAX_TOKENS = 1800
ASK = "Which of these candidate verses does the paragraph echo, if any?\n\nPARAGRAPH:\n{p}\n\nCANDIDATES:\n{c}\n"
SCHEMA = {"type": "object", "properties": {"verse": {"type": "string"}}, "required": ["verse"], "additionalProperties": False}


def build(paragraphs: dict, shortlist: dict) -> list:
    out = []
    for pid, text in paragraphs.items():
        cands = "\n".join(shortlist.get(pid, []))
        out.append({
            "custom_id": f"p-{pid}",
            "params": {
                "model": MODEL,
                "max_tokens": MAX_TOKENS,
                "messages": [{"role": "user", "content": ASK.format(p=text, c=cands)}],
                "output_config": {"format": {"type": "json_schema", "schema": SCHEMA}},
            },
        })
    return out


def main() -> None:
    paragraphs = json.load(open(sys.argv[1], encoding="utf-8"))
    shortlist = json.load(open(sys.argv[2], encoding="utf-8"))
    requests = build(paragraphs, shortlist)
    client = anthropic.Anthropic()  # expect-not: retries-disabled, hardcoded-api-key
    batch = client.messages.batches.create(requests=[  # expect-not: batchable-fanout, missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, unbounded-fanout, naive-retry
        Request(custom_id=r["custom_id"], params=MessageCreateParamsNonStreaming(**r["params"]))
        for r in requests])
    print(batch.id)


if __name__ == "__main__":
    main()
