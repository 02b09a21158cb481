# realworld repro (negative): nonstreaming-max-tokens look-alike -- a one-off CLI turns a research document into
# structured records through a forced tool call, non-streaming with a 16,000-token limit (under the 21,333 line)
# source: natea/world-cup-watch-parties extract_with_claude.py:59
import json
import sys

import anthropic

GUIDE = "Extract every venue and event from the notes through the tool. Flag anything uncertain for review."

SCHEMA = {
    "type": "object",
    "properties": {"venues": {"type": "array", "items": {"type": "object"}}},
    "required": ["venues"],
}


def extract(notes):
    client = anthropic.Anthropic()
    reply = client.messages.create(  # expect-not: nonstreaming-max-tokens
        model="claude-sonnet-4-6",
        max_tokens=16000,
        system=GUIDE,
        tools=[{"name": "emit_records", "description": "Emit the records.", "input_schema": SCHEMA}],
        tool_choice={"type": "tool", "name": "emit_records"},
        messages=[{"role": "user", "content": notes}],
    )
    return next(block.input for block in reply.content if block.type == "tool_use")


if __name__ == "__main__":
    records = extract(open(sys.argv[1], encoding="utf-8").read())
    open(sys.argv[2], "w", encoding="utf-8").write(json.dumps(records, indent=2))
