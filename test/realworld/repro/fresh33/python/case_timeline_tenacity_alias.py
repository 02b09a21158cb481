# realworld repro (positive): naive-retry -- a case-timeline extractor decorates its function with claude_backoff,
# a tenacity retry object imported from a sibling module (rate limits retried exponentially, never retry-after),
# paces through an imported token bucket, and sends one create on a module client that keeps the SDK's retries
# source: Vishwatejkhot/legal_multimodal_rag agent/timeline_extractor.py:32
import json
import os
import re

import anthropic

from case_timeline_retry import claude_backoff, pace

_client = anthropic.Anthropic(api_key=os.environ.get("ANTHROPIC_API_KEY"))  # expect-not: retries-disabled

_ASK = """List every dated event in the documents below as a JSON array of {{"date": "YYYY-MM-DD", "event": "..."}}.

{text}"""


@claude_backoff  # expect: naive-retry
def dated_events(parts: list[dict]) -> list[dict]:
    if not parts:
        return []
    joined = "\n\n".join(p["text"][:500] for p in parts[:6])
    pace()
    reply = _client.messages.create(  # expect-not: model-routing, unbounded-fanout, batchable-fanout
        model=os.environ.get("CASE_MODEL", "claude-sonnet-4-5"),
        max_tokens=800,
        messages=[{"role": "user", "content": _ASK.format(text=joined)}],
    )
    raw = reply.content[0].text if reply.content else "[]"
    found = re.search(r"\[.*\]", raw, re.DOTALL)
    return json.loads(found.group()) if found else []
