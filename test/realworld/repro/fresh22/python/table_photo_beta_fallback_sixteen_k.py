# realworld repro (negative): an app helper turns one photographed table into JSON: it builds the request in a
# dict(...) with max_tokens 16,000 on an Opus 5 default read from the environment and a JSON-schema output config,
# sends it to the beta endpoint with server-side fallbacks and, when that endpoint is unknown to the SDK or refused
# with a 400, sends the same kwargs once to the plain endpoint (a capability fallback, not a rate-limit retry);
# look-alikes: 16,000 non-streaming tokens is under the 21,333 bar, max_tokens rides in **kwargs, no loop, no system
# prompt, the key comes from the environment
# source: litigoner/image-to-xl claude_extract.py:81
# source: litigoner/image-to-xl claude_extract.py:84
# source: litigoner/image-to-xl claude_extract.py:83
# source: litigoner/image-to-xl claude_extract.py:67
import base64
import json
import os

SHAPE = {
    "type": "object",
    "properties": {"rows": {"type": "array", "items": {"type": "array", "items": {"type": "string"}}}},
    "required": ["rows"],
    "additionalProperties": False,
}
MODEL = os.environ.get("TABLE_MODEL", "claude-opus-5")
ASK = "Copy the table in this photo as rows of strings. Do not compute anything."


def read_table(photo: bytes, media_type: str = "image/png") -> dict:
    import anthropic

    api = anthropic.Anthropic()  # expect-not: retries-disabled, hardcoded-api-key
    blocks = [
        {"type": "image", "source": {"type": "base64", "media_type": media_type,
                                     "data": base64.standard_b64encode(photo).decode("ascii")}},
        {"type": "text", "text": ASK},
    ]
    request = dict(
        model=MODEL,
        max_tokens=16000,
        messages=[{"role": "user", "content": blocks}],
        output_config={"format": {"type": "json_schema", "schema": SHAPE}},
    )
    try:
        reply = api.beta.messages.create(  # expect-not: nonstreaming-max-tokens, missing-max-tokens, model-routing, batchable-fanout, uncached-prompt
            betas=["server-side-fallback-2026-07-01"], fallbacks="default", **request)
    except (TypeError, anthropic.BadRequestError):  # expect-not: naive-retry
        reply = api.messages.create(**request)  # expect-not: nonstreaming-max-tokens, missing-max-tokens
    text = "".join(b.text for b in reply.content if b.type == "text")
    return json.loads(text)
