# realworld repro (negative): batchable-fanout -- a helper merges overlapping transcript chunks in order: each Sonnet
# request carries the text the previous answer returned plus the next chunk, so the requests form a chain that cannot
# be sent together; library code with no entry point
# source: badjacent/feldenflow scripts/anthropic_utils.py:59
import os

import anthropic


def stitch(chunks: list[str]) -> str:
    if not chunks:
        return ""
    merged = chunks[0]
    client = anthropic.Anthropic(api_key=os.getenv("CLAUDE_KEY"))
    for nxt in chunks[1:]:
        ask = (
            "These two transcript pieces overlap by a few seconds. Join them into one clean transcript "
            f"without repeating the overlap.\n\nFIRST:\n{merged}\n\nSECOND:\n{nxt}\n\nReturn only the joined text."
        )
        reply = client.messages.create(  # expect-not: batchable-fanout, model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
            model="claude-3-7-sonnet-20250219",
            max_tokens=4000,
            temperature=0,
            system="You join overlapping transcripts.",
            messages=[{"role": "user", "content": ask}],
        )
        merged = reply.content[0].text
    return merged
