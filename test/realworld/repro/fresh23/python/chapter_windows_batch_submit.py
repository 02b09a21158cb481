# realworld repro (negative): batchable-fanout, missing-max-tokens -- the batch side of an evaluation: one request
# per pending text window is built into a list whose params carry max_tokens and a cache_control block, and the list
# goes to messages.batches.create in one submission; look-alikes: Sonnet 5 at 64,000 tokens within its limit, no
# loop of live requests, a default client, the key from the environment
# source: Webuddhist-tech/layer-detection-llm-zeroshot src/claude_batch.py:163
# source: Webuddhist-tech/layer-detection-llm-zeroshot src/claude_batch.py:96
# source: Webuddhist-tech/layer-detection-llm-zeroshot src/claude_batch.py:162
import json
from pathlib import Path

from windows import cut_windows

MODEL = "claude-sonnet-5"


def build(books: list[str], prompt: str) -> list[dict]:
    out = []
    for book in books:
        text = Path(f"texts/{book}.txt").read_text()
        for i, w in enumerate(cut_windows(text, 16000, 2000)):
            if Path(f"runs/chapters/{book}/{i:04d}.json").exists():
                continue
            out.append({
                "custom_id": f"{book}__{i:04d}",
                "params": {  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt
                    "model": MODEL,
                    "max_tokens": 64000,
                    "messages": [{"role": "user", "content": [
                        {"type": "text", "text": prompt, "cache_control": {"type": "ephemeral", "ttl": "1h"}},
                        {"type": "text", "text": w["text"]},
                    ]}],
                },
            })
    return out


def submit(books: list[str]) -> str:
    import anthropic
    reqs = build(books, Path("chapters/prompt.md").read_text())
    api = anthropic.Anthropic()  # expect-not: retries-disabled, hardcoded-api-key
    batch = api.messages.batches.create(requests=reqs)  # expect-not: batchable-fanout, unbounded-fanout
    Path("runs/chapters/batch.json").write_text(json.dumps({"id": batch.id, "n": len(reqs)}))
    return batch.id
