# realworld repro (positive): batchable-fanout -- an offline script first sorts saved chats by keyword rules, then a
# same-file pass called from main sends one Haiku create per chat the rules left over; each parsed answer is kept by
# id in a dict that the pass returns, main merges it and writes everything with json.dump; a catch-all handler per
# chat records a fallback and moves on (not a retry). (Made faithful by tuneN: the pass's dict is assigned first, then
# merged, and the merged dict written inside an output record, as in the original; it was merged in place.)
# source: leecflannery/lee-os-template scripts/classify_claude.py:309
import json
import re
from pathlib import Path

import anthropic

SRC = Path("exports") / "chats.json"
DST = Path("exports") / "chat_topics.json"


def keyword_topic(chat):
    title = chat.get("title", "").lower()
    if "invoice" in title or "tax" in title:
        return "money"
    if "trip" in title or "flight" in title:
        return "travel"
    return None


def rule_pass(chats):
    found = {}
    for chat in chats:
        topic = keyword_topic(chat)
        if topic:
            found[chat["id"]] = {"title": chat["title"], "topic": topic, "how": "rule"}
    return found


def topic_prompt(chat):
    first = " / ".join(m["text"][:300] for m in chat.get("turns", [])[:2])
    return (
        "Pick one topic for this chat: money, travel, health, work, study, other.\n"
        f"Title: {chat.get('title')}\nOpening: {first}\n"
        'Reply with JSON only: {"topic": "...", "sure": 1-5}'
    )


def model_pass(chats, done):
    client = anthropic.Anthropic()  # expect-not: retries-disabled, hardcoded-api-key
    leftover = [c for c in chats if c["id"] not in done]
    found = {}
    for n, chat in enumerate(leftover):
        try:
            reply = client.messages.create(  # expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
                model="claude-haiku-4-5",
                max_tokens=150,
                messages=[{"role": "user", "content": topic_prompt(chat)}],
            )
            text = re.sub(r"^```(?:json)?\s*|\s*```$", "", reply.content[0].text.strip())
            parsed = json.loads(text)
            found[chat["id"]] = {"title": chat["title"], "topic": parsed["topic"], "how": "model"}
        except Exception as err:  # expect-not: naive-retry, string-matched-error
            print(f"[{n + 1}/{len(leftover)}] failed: {err}")
            found[chat["id"]] = {"title": chat["title"], "topic": "other", "how": "failed"}
    return found


def main():
    chats = json.loads(SRC.read_text())
    done = rule_pass(chats)
    found = model_pass(chats, done)
    done.update(found)
    output = {"total": len(chats), "chats": done}
    with open(DST, "w") as fh:
        json.dump(output, fh, indent=2)


if __name__ == "__main__":
    main()
