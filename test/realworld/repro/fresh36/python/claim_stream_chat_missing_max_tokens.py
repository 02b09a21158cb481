# realworld repro (positive + negative): missing-max-tokens -- a streamed helper behind a chat page: the structured
# branch sends a streaming create with max_tokens 8192, the plain-chat branch a streaming create with the model and
# the messages only (no max_tokens, so the API rejects every such request); a catch-all prints and yields a placeholder
# source: CheckThat-AI/CheckThat-AI src/utils/claude.py:35
# source: CheckThat-AI/CheckThat-AI src/utils/claude.py:12
# source: CheckThat-AI/CheckThat-AI src/utils/claude.py:43
# source: CheckThat-AI/CheckThat-AI src/utils/claude.py:9
import json
import os
from typing import Iterator

import anthropic


def stream_reply(model: str, instructions: str, question: str, want_json: bool) -> Iterator[str]:
    try:
        client = anthropic.Anthropic(api_key=os.getenv("ANTHROPIC_API_KEY"))  # expect-not: retries-disabled, hardcoded-api-key
        if want_json:
            events = client.messages.create(  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt
                model=model,
                max_tokens=8192,
                system=instructions,
                messages=[{"role": "user", "content": question}],
                stream=True,
            )
            pieces = []
            for ev in events:
                if ev.type == "content_block_delta" and ev.delta.type == "text_delta":
                    pieces.append(ev.delta.text)
            try:
                claim = json.loads("".join(pieces)).get("claim", "")
            except ValueError:
                yield "Error: the answer was not JSON"
                return
            for ch in claim:
                yield ch
        else:
            events = client.messages.create(  # expect: missing-max-tokens; expect-not: batchable-fanout, unbounded-fanout
                model=model,
                messages=[{"role": "user", "content": question}],
                stream=True,
            )
            for ev in events:
                if ev.type == "content_block_delta" and ev.delta.type == "text_delta":
                    yield ev.delta.text
    except Exception as exc:  # expect-not: naive-retry, string-matched-error
        print(f"Claude call failed: {exc}")
        yield "None"
