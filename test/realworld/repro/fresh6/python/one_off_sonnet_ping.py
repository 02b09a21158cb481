# realworld repro (negative): model-routing look-alike -- a one-off connectivity check on Sonnet, outside any
# loop; naive-retry look-alike -- a per-upload helper whose except returns a fallback
# source: lucykaneva/claude-hackathon-2025 claude_helper.py:172
# source: lucykaneva/claude-hackathon-2025 claude_helper.py:78
import json

import anthropic

api = anthropic.Anthropic()


def grade_photo(encoded, media="image/jpeg"):
    try:
        reply = api.messages.create(
            model="claude-sonnet-4-20250514",
            max_tokens=1024,
            messages=[
                {
                    "role": "user",
                    "content": [
                        {"type": "image", "source": {"type": "base64", "media_type": media, "data": encoded}},
                        {"type": "text", "text": "Rate this donated item's condition 1-10 and answer as JSON."},
                    ],
                }
            ],
        )
        return json.loads(reply.content[0].text)
    except Exception as exc:  # expect-not: naive-retry
        return {"score": 0, "reason": str(exc)}


def ping():
    reply = api.messages.create(  # expect-not: model-routing
        model="claude-sonnet-4-20250514",
        max_tokens=100,
        messages=[{"role": "user", "content": "Reply with the single word ready."}],
    )
    return reply.content[0].text


if __name__ == "__main__":
    print(ping())
