# realworld repro (positive + negative): batchable-fanout -- an offline CLI walks every issue file of a zine archive
# and calls a same-file helper that sends one Sonnet 4.6 create per issue (system text marked with cache_control),
# re-asking with the long answer appended while it exceeds 150 characters, then writes the blurb into the file's
# front matter; look-alikes: the re-ask loop has no try (a length correction, not an error retry), 300 tokens (above
# the classification bound), issues handled one at a time, default client
# source: jthingelstad/weekly.thingelstad.com scripts/generate_descriptions.py:190
# source: jthingelstad/weekly.thingelstad.com scripts/generate_descriptions.py:189
# source: jthingelstad/weekly.thingelstad.com scripts/generate_descriptions.py:243
import re
import sys
from pathlib import Path

from anthropic import Anthropic

ISSUES = Path("site/issues")
MODEL = "claude-sonnet-4-6"
BLURB_RULES = """You write one-line blurbs for issues of a small zine.
List the concrete subjects named in the headlines, separated by commas, 120 to 150 characters, ending with a period.
No sentences, no emoji, no quotes. Return only the blurb."""
SHORTEN = "That was {n} characters. Drop the least specific subjects until it fits in 150."


def blurb(client, headlines, rounds=2):
    turns = [{"role": "user", "content": "Headlines:\n" + "\n".join(f"- {h}" for h in headlines)}]
    for _ in range(rounds + 1):  # expect-not: naive-retry
        reply = client.messages.create(  # expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens, unbounded-fanout
            model=MODEL,
            max_tokens=300,
            system=[{"type": "text", "text": BLURB_RULES, "cache_control": {"type": "ephemeral"}}],
            messages=turns,
        )
        text = reply.content[0].text.strip()
        if len(text) <= 150:
            return text
        turns = turns + [{"role": "assistant", "content": text}, {"role": "user", "content": SHORTEN.format(n=len(text))}]
    return text


def headlines_of(page: str):
    return re.findall(r"^##\s+(.+)$", page, re.MULTILINE)


def main():
    write = "--write" in sys.argv
    client = Anthropic()  # expect-not: retries-disabled
    for path in sorted(ISSUES.glob("*.md")):
        page = path.read_text()
        heads = headlines_of(page)
        if not heads:
            continue
        text = blurb(client, heads)
        print(f"{path.stem}: {text}")
        if write:
            path.write_text(page.replace("blurb: ''", f"blurb: '{text}'", 1))


if __name__ == "__main__":
    main()
