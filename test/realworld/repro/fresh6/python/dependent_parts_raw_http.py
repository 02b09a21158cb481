# realworld repro (negative): batchable-fanout look-alike -- the parts of one oversized section go out one after
# another, each carrying the earlier parts' answers as context (a dependent chain), over raw HTTP
# source: SvendDahlgaard/GitHub-Documentation BaseClaudeService.py:248
import os

import requests

HEADERS = {"x-api-key": os.environ.get("ANTHROPIC_API_KEY", ""), "anthropic-version": "2023-06-01"}


def describe_parts(parts, question):
    notes = []
    for i, files in enumerate(parts):
        earlier = "\n\n".join(notes)
        body = {
            "model": "claude-3-5-haiku-20241022",
            "max_tokens": 3000,
            "system": f"Describe code part {i + 1}. Earlier parts said: {earlier}",
            "messages": [{"role": "user", "content": f"{files}\n\n{question}"}],
        }
        r = requests.post(  # expect-not: batchable-fanout
            "https://api.anthropic.com/v1/messages", headers=HEADERS, json=body, timeout=120
        )
        if r.status_code != 200:
            notes.append(f"part {i + 1} failed: {r.status_code}")
            continue
        notes.append(r.json()["content"][0]["text"])
    return notes
