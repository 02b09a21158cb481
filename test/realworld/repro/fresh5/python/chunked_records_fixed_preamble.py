# realworld repro (positive + negative): batchable-fanout -- an offline script splits a JSON
# file into chunks and sends one create per chunk (one local call down), appending each reply to a file; every
# request starts with the same instruction-and-examples user turn (~3,500 characters, around the 1,024-token
# minimum of the original's Claude 3.5 Sonnet: its uncached-prompt site is an ignore, so not marked here) and a
# fixed assistant turn, with no cache_control; hardcoded-api-key look-alike -- api_key="" left blank
# source: Arturo12311/struct-processing-with-claude claude_struct_cleaning_script.py:1004
# source: Arturo12311/struct-processing-with-claude claude_struct_cleaning_script.py:1001
import json

import anthropic

RULES = "\n".join(
    f"- Rule {n}: when a record's 'parent' names another record, copy the parent's fields in before its own, "
    f"keep field order, drop the 'parent' key and never invent fields (worked example {n} follows)."
    for n in range(1, 19)
)
PREAMBLE = "Flatten the inherited fields of the records I will send next.\n" + RULES


def chunk(records, budget=3000):
    parts, current, size = [], "", 0
    for key, value in records.items():
        text = json.dumps({key: value})
        if size + len(text) // 4 > budget and current:
            parts.append(current)
            current, size = "", 0
        current += text + ",\n"
        size += len(text) // 4
    if current:
        parts.append(current)
    return parts


def send(piece):
    client = anthropic.Anthropic(api_key="")  # expect-not: hardcoded-api-key
    return client.messages.create(  # expect: batchable-fanout
        model="claude-sonnet-4-5",
        max_tokens=8192,
        system="You are a careful data engineer.",
        messages=[
            {"role": "user", "content": PREAMBLE},
            {"role": "assistant", "content": "Understood, send the records."},
            {"role": "user", "content": piece},
        ],
    )


def main():
    with open("records.json") as f:
        records = json.load(f)
    for n, piece in enumerate(chunk(records), 1):
        reply = send(piece)
        with open("flattened.txt", "a") as out:
            out.write(reply.content[0].text + "\n")
        if reply.stop_reason != "end_turn":
            print(f"chunk {n} stopped early")
            break


main()
