# realworld repro (positive + negative): batchable-fanout -- an argparse command walks every extracted frame, sends
# one Haiku vision create per frame through a helper one call below the loop and writes a label file per frame;
# model-routing look-alike -- the call is already on Haiku; naive-retry look-alike -- the frame loop's except
# writes an empty label, waits the pacing delay and continues with the next frame
# source: meganzhang10/VBCV scripts/label_with_claude.py:141
# source: meganzhang10/VBCV scripts/label_with_claude.py:186
import argparse
import base64
import json
import time
from pathlib import Path

import anthropic

ASK = "Find the kite in this photo. Reply with JSON {\"found\": bool, \"x\": px, \"y\": px, \"w\": px, \"h\": px}."


def detect(client: anthropic.Anthropic, photo: Path) -> dict:
    data = base64.standard_b64encode(photo.read_bytes()).decode("ascii")
    reply = client.messages.create(  # expect: batchable-fanout; expect-not: model-routing
        model="claude-haiku-4-5",
        max_tokens=200,
        messages=[
            {
                "role": "user",
                "content": [
                    {"type": "image", "source": {"type": "base64", "media_type": "image/jpeg", "data": data}},
                    {"type": "text", "text": ASK},
                ],
            }
        ],
    )
    try:
        return json.loads(reply.content[0].text)
    except json.JSONDecodeError:
        return {"found": False}


def label_all(photos_dir: Path, labels_dir: Path, pause: float = 0.3) -> None:
    labels_dir.mkdir(parents=True, exist_ok=True)
    client = anthropic.Anthropic()
    for photo in sorted(photos_dir.glob("*.jpg")):  # expect-not: naive-retry
        target = labels_dir / (photo.stem + ".txt")
        if target.exists():
            continue
        try:
            box = detect(client, photo)
        except Exception as err:
            print(f"{photo.name}: {err}")
            target.write_text("", encoding="utf-8")
            time.sleep(pause)
            continue
        if box.get("found"):
            target.write_text(f"0 {box['x']} {box['y']} {box['w']} {box['h']}\n", encoding="utf-8")
        else:
            target.write_text("", encoding="utf-8")
        time.sleep(pause)


def main() -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command")
    lab = sub.add_parser("label")
    lab.add_argument("--photos", required=True)
    lab.add_argument("--labels", required=True)
    args = parser.parse_args()
    if args.command == "label":
        label_all(Path(args.photos), Path(args.labels))
    else:
        parser.print_help()


if __name__ == "__main__":
    main()
