# realworld repro (positive + negative): naive-retry (retry by recursion) and batchable-fanout -- an argparse CLI
# groups frame images into rallies and, for each rally not yet logged, calls a same-file function that calls
# another, which sends one Sonnet vision create with a forced tool; the per-frame verdicts are written as text
# files; the per-rally function's RateLimitError handler sleeps a flat 60 s and calls itself again with the same
# arguments, without bound; look-alikes: max_tokens 2,048, the system prompt and tool schema are not constants of
# this file, other errors are printed, the loop is sequential, the key comes from the environment
# source: arashout/volleyball-play-no-play-model action_detector/label_images.py:111
# source: arashout/volleyball-play-no-play-model action_detector/label_images.py:56
# source: arashout/volleyball-play-no-play-model action_detector/label_images.py:112
# source: arashout/volleyball-play-no-play-model action_detector/label_images.py:138
import argparse
import base64
import os
import time
from collections import defaultdict
from pathlib import Path

import anthropic

from .schema import RallyVerdicts
from .texts import JUDGE_SYSTEM


def judge_rally(client, rally, frames):
    blocks = []
    for i, frame in enumerate(frames):
        blocks.append({"type": "text", "text": f"Frame {i}:"})
        blocks.append({"type": "image", "source": {"type": "base64", "media_type": "image/jpeg",
                                                   "data": base64.b64encode(frame.read_bytes()).decode()}})
    blocks.append({"type": "text", "text": f"Rally {rally}: mark the frames where the ball is in play."})
    reply = client.messages.create(  # expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens, unbounded-fanout
        model="claude-sonnet-4-20250514",
        max_tokens=2048,
        system=JUDGE_SYSTEM,
        messages=[{"role": "user", "content": blocks}],
        tools=[{"name": "report", "description": "Report per-frame verdicts",
                "input_schema": RallyVerdicts.model_json_schema()}],
        tool_choice={"type": "tool", "name": "report"},
    )
    for block in reply.content:
        if block.type == "tool_use":
            return RallyVerdicts.model_validate(block.input)
    return RallyVerdicts(frames=[])


def handle_rally(client, rally, frames, out_dir):
    try:
        verdicts = judge_rally(client, rally, frames)
        for i, frame in enumerate(frames):
            verdict = verdicts.frames[i] if i < len(verdicts.frames) else None
            (out_dir / f"{frame.stem}.txt").write_text(verdict.line() if verdict else "")
        return len(verdicts.frames)
    except anthropic.RateLimitError:
        print(f"rate limited on {rally}, sleeping 60s")
        time.sleep(60)
        return handle_rally(client, rally, frames, out_dir)  # expect: naive-retry
    except Exception as exc:  # expect-not: string-matched-error
        print(f"{rally} failed: {exc}")
        return 0


def main():
    cli = argparse.ArgumentParser()
    cli.add_argument("folder", type=Path)
    cli.add_argument("--out", type=Path, default=Path("labels"))
    args = cli.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    client = anthropic.Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])  # expect-not: retries-disabled, hardcoded-api-key
    rallies = defaultdict(list)
    for frame in sorted(args.folder.glob("*.jpg")):
        rallies[frame.stem.rsplit("_", 1)[0]].append(frame)
    done_log = args.out / "done.txt"
    done = set(done_log.read_text().split()) if done_log.exists() else set()
    for rally, frames in rallies.items():
        if rally in done:
            continue
        handle_rally(client, rally, frames, args.out)
        with open(done_log, "a") as fh:
            fh.write(rally + "\n")


if __name__ == "__main__":
    main()
