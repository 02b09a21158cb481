# realworld repro (negative): model-routing and batchable-fanout look-alikes -- a web upload handler asks
# Sonnet for one short alt text per uploaded image (request-time, 300 tokens)
# source: jaison10/Image-Desc-Generator-FastAPI claude_service.py:16
import base64
import os

import anthropic

client = anthropic.Anthropic(api_key=os.getenv("ANTHROPIC_API_KEY"))


def alt_text(raw, mime):
    encoded = base64.b64encode(raw).decode("ascii")
    reply = client.messages.create(  # expect-not: model-routing, batchable-fanout
        model="claude-sonnet-4-0",
        max_tokens=300,
        messages=[
            {
                "role": "user",
                "content": [
                    {"type": "image", "source": {"type": "base64", "media_type": mime, "data": encoded}},
                    {"type": "text", "text": "Write an accessible alt text for this picture."},
                ],
            }
        ],
    )
    return reply.content[0].text
