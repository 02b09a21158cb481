# realworld repro (negative): nonstreaming-max-tokens, batchable-fanout, missing-max-tokens and uncached-prompt
# look-alikes -- one Message Batch of requests, one per text window, each with max_tokens 64000 and a cached
# shared prompt block; the batch is created once and its id saved
# source: tenzinyonten/sabche-zeroshot-eval scripts/claude_batch.py:92
# source: tenzinyonten/sabche-zeroshot-eval scripts/claude_batch.py:157
# source: tenzinyonten/sabche-zeroshot-eval scripts/claude_batch.py:156
import json
from pathlib import Path

import anthropic

PROMPT = Path("prompt.txt").read_text(encoding="utf-8")
WINDOWS = [w for w in Path("windows.txt").read_text(encoding="utf-8").split("\n\n") if w.strip()]

requests = []
for i, window in enumerate(WINDOWS):
    requests.append(
        {
            "custom_id": f"w{i:05d}",
            "params": {
                "model": "claude-sonnet-4-5",
                "max_tokens": 64000,  # expect-not: nonstreaming-max-tokens
                "messages": [
                    {
                        "role": "user",
                        "content": [
                            {"type": "text", "text": PROMPT, "cache_control": {"type": "ephemeral"}},
                            {"type": "text", "text": window},
                        ],
                    }
                ],
            },
        }
    )

client = anthropic.Anthropic()  # expect-not: hardcoded-api-key
batch = client.messages.batches.create(requests=requests)  # expect-not: batchable-fanout, missing-max-tokens, uncached-prompt, model-routing
Path("batch_id.json").write_text(json.dumps({"id": batch.id}))
