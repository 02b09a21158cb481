# realworld repro (positive): naive-retry -- a per-listing brief: for attempt in range(retries + 1) around
# messages.create, any exception (a 429 included, and a JSON parse error) waits 1.5 ** attempt seconds and sends
# again; retry-after is never read and the client keeps the SDK's own retries
# source: ashimparti/Beaten-Down-Hunter claude_scorer.py:144
import json
import sys
import time

from anthropic import Anthropic

BRIEF = "Rate this rental listing from 0 to 10 and explain in two sentences. Reply as JSON with score and why."


def brief_one(client, listing, retries=2):
    for attempt in range(retries + 1):  # expect: naive-retry
        try:
            reply = client.messages.create(
                model="claude-sonnet-4-5",
                max_tokens=800,
                system=BRIEF,
                messages=[{"role": "user", "content": json.dumps(listing)}],
            )
            return json.loads(reply.content[0].text)
        except Exception as exc:
            if attempt < retries:
                time.sleep(1.5**attempt)
                continue
            print(f"gave up on {listing.get('id')}: {exc}", file=sys.stderr)
            return {"score": None, "why": ""}

