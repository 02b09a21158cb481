# realworld repro (positive + negative): batchable-fanout -- a command-line tool walks the files named on the
# command line and a same-file helper sends one Haiku 4.5 create per file (the whole file back, 8,192 tokens),
# writing each answer over the file; look-alikes: already Haiku, 8,192 non-streaming is under the bound, a short
# constant system prompt far below Haiku's cache minimum, a per-file handler that prints and moves on
# source: rmg007/Math7 scripts/claude_tagger.py:58
# source: rmg007/Math7 scripts/claude_tagger.py:56
# source: rmg007/Math7 scripts/claude_tagger.py:102
import os
import sys

import anthropic

KEY = os.environ.get("ANTHROPIC_API_KEY", "")

LABELLER_SYSTEM = """You edit pytest files. Add a marker comment naming the test's kind (unit, integration or slow)
above each test function. Change nothing else. Output only the complete edited file."""


def label_tests(path: str) -> tuple[str, bool]:
    with open(path, encoding="utf-8") as handle:
        before = handle.read()

    client = anthropic.Anthropic(api_key=KEY)  # expect-not: retries-disabled

    reply = client.messages.create(  # expect: batchable-fanout; expect-not: model-routing, nonstreaming-max-tokens, missing-max-tokens, uncached-prompt
        model="claude-haiku-4-5-20251001",
        max_tokens=8192,
        system=LABELLER_SYSTEM,
        messages=[{"role": "user", "content": f"File {path}:\n\n{before}"}],
    )
    after = reply.content[0].text.strip()
    return after, after != before


def main() -> None:
    for path in sys.argv[1:]:  # expect-not: unbounded-fanout
        if not os.path.exists(path):
            print(f"skip {path}")
            continue
        try:
            after, changed = label_tests(path)
            if changed:
                with open(path, "w", encoding="utf-8") as handle:
                    handle.write(after)
            print(f"done {path} ({'changed' if changed else 'unchanged'})")
        except Exception as exc:  # expect-not: naive-retry, string-matched-error
            print(f"failed {path}: {exc}", file=sys.stderr)


if __name__ == "__main__":
    main()
