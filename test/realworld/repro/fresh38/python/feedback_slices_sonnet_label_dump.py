# realworld repro (positive + negative): batchable-fanout -- an offline labelling script samples a few hundred
# community posts from JSON files and a same-file helper sends one Sonnet 4.5 create (800 tokens, no system prompt,
# a constant head of categories and examples under the cache minimum) per slice of 15 posts, one slice after
# another; a failed slice gets a fallback label for every post; main writes all labels to a JSON file
# source: gayunlee/letter-post-weekly-report scripts/label_with_llm.py:101
# source: gayunlee/letter-post-weekly-report scripts/label_with_llm.py:69
# source: gayunlee/letter-post-weekly-report scripts/label_with_llm.py:129
# source: gayunlee/letter-post-weekly-report scripts/label_with_llm.py:189
import json
import os
import random
import re
from pathlib import Path

from anthropic import Anthropic

GROUPS = {
    "praise": "thanks or compliments about the service",
    "complaint": "a problem with the service",
    "question": "a question about using the product",
    "news": "shares an article or an analysis",
    "feelings": "hopes or worries about the market",
    "chat": "greetings and small talk",
}

EXAMPLES = """
[praise] - "The weekly notes are really helpful, thank you"
[complaint] - "Uploads are late again this week"
[question] - "How do I cancel my plan?"
[news] - "Sharing today's rate decision summary"
[feelings] - "I'm nervous about my losses"
[chat] - "Happy new year everyone"
"""


def label_slices(client: Anthropic, posts: list[dict], size: int = 15) -> list[dict]:
    legend = "\n".join(f"- {name}: {meaning}" for name, meaning in GROUPS.items())
    done = []
    for start in range(0, len(posts), size):  # expect-not: unbounded-fanout
        part = posts[start : start + size]
        listing = "".join(f"{n + 1}. {p['text'][:200]}\n" for n, p in enumerate(part))
        prompt = f"Put each post in one group.\n\n{legend}\n\nExamples:{EXAMPLES}\nPosts:\n{listing}\nAnswer as a JSON array."
        try:
            reply = client.messages.create(  # expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
                model="claude-sonnet-4-5-20250929",
                max_tokens=800,
                temperature=0,
                messages=[{"role": "user", "content": prompt}],
            )
            found = re.search(r"\[.*\]", reply.content[0].text, re.DOTALL)
            picks = json.loads(found.group()) if found else []
            for post, pick in zip(part, picks):
                post["group"] = pick.get("group") if pick.get("group") in GROUPS else "chat"
                done.append(post)
        except Exception as exc:  # expect-not: naive-retry, string-matched-error
            print(f"slice failed: {exc}")
            for post in part:
                post["group"] = "chat"
                done.append(post)
    return done


def sample_posts(folder: Path, limit: int = 600) -> list[dict]:
    random.seed(7)
    posts = []
    for path in sorted(folder.glob("*.json")):
        for item in json.loads(path.read_text(encoding="utf-8")).get("posts", []):
            body = (item.get("body") or "").strip()
            if len(body) > 10:
                posts.append({"id": item.get("_id", ""), "text": body})
    random.shuffle(posts)
    return posts[:limit]


def main() -> None:
    posts = sample_posts(Path("data/posts"))
    client = Anthropic(api_key=os.getenv("ANTHROPIC_API_KEY"))  # expect-not: retries-disabled, hardcoded-api-key
    labelled = label_slices(client, posts)
    out = Path("data/labels/groups.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(labelled, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
