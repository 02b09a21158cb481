# realworld repro (positive + negative): batchable-fanout -- an offline script sends one create per slice of ten
# sampled posts, collects the parsed tags and a same-file helper writes them to a JSONL file; naive-retry
# look-alike -- the slice loop's except Exception prints and moves on to the next slice (nothing re-sent); the
# system prompt is an f-string around a guide read at run time
# source: jyshum/Problemo scripts/label_with_claude.py:220
# source: jyshum/Problemo scripts/label_with_claude.py:214
import json
import os
import time
from pathlib import Path

import anthropic

GUIDE = Path("tagging/guide.md")
OUT = Path("tagging/tagged.jsonl")
TAGS = {"BUG", "IDEA", "PRAISE", "OTHER"}


def render(posts: list[dict]) -> str:
    lines = ["Tag each post. Reply with JSON {\"tags\": [{\"id\": ..., \"tag\": ...}]}."]
    for post in posts:
        lines.append(f"ID: {post['id']}\nText: {post['text'][:400]}\n")
    return "\n".join(lines)


def read_tags(text: str) -> dict[str, str]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return {}
    return {t["id"]: t["tag"] for t in data.get("tags", []) if t.get("tag") in TAGS}


def write_tagged(rows: list[dict], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row) + "\n")


def main():
    client = anthropic.Anthropic(api_key=os.getenv("ANTHROPIC_API_KEY", ""))
    guide = GUIDE.read_text()
    model = os.getenv("TAGGING_MODEL", "claude-sonnet-4-6")
    posts = [json.loads(line) for line in Path("tagging/posts.jsonl").read_text().splitlines()]

    tagged = []
    for start in range(0, len(posts), 10):  # expect-not: naive-retry
        chunk = posts[start : start + 10]
        try:
            reply = client.messages.create(  # expect: batchable-fanout
                model=model,
                max_tokens=1024,
                system=f"You tag community posts. Guide:\n\n{guide}",
                messages=[{"role": "user", "content": render(chunk)}],
            )
            tags = read_tags(reply.content[0].text)
        except Exception as err:
            print(f"slice failed: {err}")
            tags = {}
        for post in chunk:
            if post["id"] in tags:
                tagged.append({**post, "tag": tags[post["id"]]})
        time.sleep(0.5)

    write_tagged(tagged, OUT)


if __name__ == "__main__":
    main()
