# realworld repro (positive + negative): hardcoded-api-key -- a full key written into Anthropic(api_key=...) inside
# the function that translates a book; missing-max-tokens / batchable-fanout look-alike -- the per-chunk call is a
# legacy Text Completion (max_tokens_to_sample, no Messages request) sent from a while loop, each result written as
# it arrives
# source: genaforvena/translator translate_with_claude.py:20
# source: genaforvena/translator translate_with_claude.py:8
import sys

import anthropic


def render_chunk(client, piece):
    result = client.completions.create(  # expect-not: missing-max-tokens, batchable-fanout
        model="claude-2",
        max_tokens_to_sample=1000,
        prompt=f"Human: Render this Polish passage in English, keeping its line breaks:\n\n{piece}\n\nAssistant:",
    )
    return result.completion.strip()


def render_book(src_path, dst_path, width=1000):
    client = anthropic.Anthropic(api_key="sk-ant-api03-FAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEfakeAA")  # expect: hardcoded-api-key
    with open(src_path, encoding="utf-8") as src, open(dst_path, "w", encoding="utf-8") as dst:
        text = src.read()
        done = 0
        while done < len(text):
            dst.write(render_chunk(client, text[done : done + width]) + "\n")
            done += width


if __name__ == "__main__":
    render_book("book_pl.txt", sys.argv[1])
