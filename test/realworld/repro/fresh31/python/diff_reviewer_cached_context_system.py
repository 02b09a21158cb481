# realworld repro (negative): uncached-prompt -- a one-shot review script packs project files into a system block
# that already carries cache_control and sends a single request; look-alikes: the loop over context files only
# builds that block, max_tokens and the model come from arguments, the key comes from the environment and the help
# text shows only a placeholder
# source: gabbswq/gabbs-product-factory scripts/claude-review-diff.py:323
# source: gabbswq/gabbs-product-factory scripts/claude-review-diff.py:321
# source: gabbswq/gabbs-product-factory scripts/claude-review-diff.py:291
import argparse
import os
import pathlib
import subprocess
import sys

import anthropic

ROOT = pathlib.Path(__file__).resolve().parents[1]
CONTEXT = ["README.md", "CONTRIBUTING.md", "pyproject.toml"]


def system_blocks() -> list[dict]:
    parts = []
    for rel in CONTEXT:
        path = ROOT / rel
        if path.exists():
            parts.append(f"== {rel} ==\n{path.read_text(encoding='utf-8')[:20000]}")
    text = "You review diffs for security and scope. Say APPROVED or BLOCKED.\n\n" + "\n\n".join(parts)
    return [{"type": "text", "text": text, "cache_control": {"type": "ephemeral"}}]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default=os.environ.get("REVIEW_MODEL", "claude-sonnet-4-5-20250929"))
    ap.add_argument("--max-tokens", type=int, default=1800)
    args = ap.parse_args()
    if not os.environ.get("ANTHROPIC_API_KEY"):
        print("export ANTHROPIC_API_KEY='your-key-here' first", file=sys.stderr)  # expect-not: hardcoded-api-key
        return 1
    diff = subprocess.run(["git", "diff"], cwd=ROOT, text=True, capture_output=True).stdout
    client = anthropic.Anthropic()  # expect-not: retries-disabled
    reply = client.messages.create(  # expect-not: uncached-prompt, missing-max-tokens, nonstreaming-max-tokens, model-routing, batchable-fanout, naive-retry
        model=args.model,
        max_tokens=args.max_tokens,
        system=system_blocks(),
        messages=[{"role": "user", "content": f"Review this diff:\n\n{diff}"}],
    )
    print("".join(b.text for b in reply.content if b.type == "text"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
