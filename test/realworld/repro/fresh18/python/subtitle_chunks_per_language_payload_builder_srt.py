# realworld repro (positive + negative): batchable-fanout -- an offline CLI walks each target language and, inside,
# the subtitle cues in chunks of 40, building the params in a same-file function (model from config, 8,192 tokens,
# a system block that carries cache_control) and sending them as **payload through a helper that builds a default
# client per call; the translated chunks are merged and written to one subtitle file per language
# source: storm-credit/killingtime scripts/translate_claude.py:144
# source: storm-credit/killingtime scripts/translate_claude.py:143
# source: storm-credit/killingtime scripts/translate_claude.py:207
import argparse
from pathlib import Path

from anthropic import Anthropic

GUIDE = """You translate subtitle cues. Keep the same number of cues, the same order and the same
timestamps; change only the text. Output plain cues, nothing else."""

TONE = {"fr": "Target: French, spoken register.", "it": "Target: Italian, spoken register."}


def read_cues(path: Path) -> list[str]:
    return [block for block in path.read_text().split("\n\n") if block.strip()]


def build_params(model: str, lang: str, cues: list[str]) -> dict:
    return {
        "model": model,
        "max_tokens": 8192,
        "system": [{"type": "text", "text": GUIDE, "cache_control": {"type": "ephemeral"}}],
        "messages": [{"role": "user", "content": TONE[lang] + "\n\n" + "\n\n".join(cues)}],
    }


def send(payload: dict) -> str:
    client = Anthropic()  # expect-not: retries-disabled, hardcoded-api-key
    reply = client.messages.create(**payload)  # expect: batchable-fanout; expect-not: uncached-prompt, model-routing, missing-max-tokens, nonstreaming-max-tokens, naive-retry
    return "".join(b.text for b in reply.content if getattr(b, "type", None) == "text").strip()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("source", type=Path)
    ap.add_argument("--langs", nargs="+", default=["fr", "it"])
    ap.add_argument("--size", type=int, default=40)
    ap.add_argument("--model", default="claude-sonnet-4-6")
    args = ap.parse_args()
    cues = read_cues(args.source)
    for lang in args.langs:
        merged: list[str] = []
        for start in range(0, len(cues), args.size):  # expect-not: unbounded-fanout
            group = cues[start:start + args.size]
            merged.append(send(build_params(args.model, lang, group)))
        Path(f"out.{lang}.srt").write_text("\n\n".join(merged))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
