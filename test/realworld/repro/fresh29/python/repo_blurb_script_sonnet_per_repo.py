# realworld repro (positive + negative): batchable-fanout, model-routing -- a maintenance script lists the
# repositories that lack a description and, one at a time, sends a Sonnet 4 create at max_tokens 100 through a
# same-file helper, writing each one-line result back through a CLI call; look-alikes: the loop's handler only
# prints the error (nothing re-sent), the loop is sequential
# (made faithful by the lead: the original writes through a same-file helper named for updating, as here)
# source: michaelborck-dev/gh-toolkit scripts/generate_descriptions.py:68
# source: michaelborck-dev/gh-toolkit scripts/generate_descriptions.py:112
import json
import os
import subprocess
import sys

import anthropic


def undescribed(owner: str) -> list[str]:
    out = subprocess.run(
        ["gh", "repo", "list", owner, "--limit", "200", "--json", "name,description"],
        capture_output=True,
        text=True,
    )
    return [row["name"] for row in json.loads(out.stdout) if not row.get("description")]


def blurb(client: anthropic.Anthropic, name: str, notes: str) -> str:
    reply = client.messages.create(  # expect: batchable-fanout, model-routing; expect-not: missing-max-tokens, nonstreaming-max-tokens, uncached-prompt, unbounded-fanout
        model="claude-sonnet-4-20250514",
        max_tokens=100,
        messages=[{"role": "user", "content": f"One plain line saying what {name} does.\n\n{notes}"}],
    )
    return reply.content[0].text.strip()[:100]


def update_description(owner: str, name: str, line: str) -> bool:
    done = subprocess.run(["gh", "repo", "edit", f"{owner}/{name}", "--description", line], capture_output=True)
    return done.returncode == 0


def main():
    owner = sys.argv[1]
    client = anthropic.Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])
    for name in undescribed(owner):  # expect-not: naive-retry
        try:
            line = blurb(client, name, f"repository {name}")
            update_description(owner, name, line)
            print(f"{name}: {line}")
        except Exception as exc:
            print(f"{name}: failed ({exc})")


if __name__ == "__main__":
    main()
