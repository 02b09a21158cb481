# realworld repro (negative): a web service writes ad scripts from uploaded product photos -- a loop over the
# uploads only builds the image blocks of one Haiku 4.5 request (max_tokens 4,096) with a constant system prompt
# of moderate length sent once per web request; the client is built per call with a short timeout and the SDK's
# default retries, and only a JSON parse failure is handled, by raising
# source: ChristianMendozaa/tucaserito_scripts_service app/services/claude_service.py:111
# source: ChristianMendozaa/tucaserito_scripts_service app/services/claude_service.py:47
import base64
import json

import anthropic

BRIEF = """You are a creative director for short product videos.
Return JSON with three script options, each with a voice-over line of at most twenty words,
a visual prompt in English and a music prompt in English. Never put written text on screen."""


def write_scripts(settings, product: str, uploads: list[dict]) -> dict:
    client = anthropic.Anthropic(api_key=settings.api_key, timeout=15.0)  # expect-not: retries-disabled, hardcoded-api-key
    content = []
    for upload in uploads:
        content.append(
            {
                "type": "image",
                "source": {
                    "type": "base64",
                    "media_type": upload.get("mime", "image/jpeg"),
                    "data": base64.b64encode(upload["bytes"]).decode("ascii"),
                },
            }
        )
    content.append({"type": "text", "text": f"Product: {product}"})
    reply = client.messages.create(  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, batchable-fanout, uncached-prompt, naive-retry
        model="claude-haiku-4-5-20251001",
        max_tokens=4096,
        system=BRIEF,
        messages=[{"role": "user", "content": content}],
    )
    try:
        return json.loads(reply.content[0].text)
    except json.JSONDecodeError as err:
        raise ValueError("model did not return JSON") from err
