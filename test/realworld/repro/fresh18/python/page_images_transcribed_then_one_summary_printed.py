# realworld repro (negative): batchable-fanout -- a script transcribes each page image of a four-item literal list
# with one Sonnet vision create per page (5,000 tokens), concatenates the text and feeds it at once into a second
# create whose summary is printed: a chained pipeline someone waits on, nothing stored per item; neither call is near
# 21,333 tokens
# source: JakeWalker23/llm-prompt-engineering vision_summarise_further_maths.py:55
# source: JakeWalker23/llm-prompt-engineering vision_summarise_further_maths.py:67
# source: JakeWalker23/llm-prompt-engineering vision_summarise_further_maths.py:19
import base64
import mimetypes

from anthropic import Anthropic

pages = [
    "./scans/page-1.png",
    "./scans/page-2.png",
    "./scans/page-3.png",
    "./scans/page-4.png",
]

client = Anthropic()  # expect-not: retries-disabled, hardcoded-api-key


def image_block(path):
    with open(path, "rb") as f:
        data = base64.b64encode(f.read()).decode("utf-8")
    kind, _ = mimetypes.guess_type(path)
    return {"type": "image", "source": {"type": "base64", "media_type": kind, "data": data}}


def transcribe(path):
    reply = client.messages.create(  # expect-not: batchable-fanout, model-routing, nonstreaming-max-tokens, missing-max-tokens, uncached-prompt
        model="claude-3-5-sonnet-20240620",
        max_tokens=5000,
        messages=[{"role": "user", "content": [image_block(path), {"type": "text", "text": "Transcribe this page."}]}],
    )
    return reply.content[0].text


def explain(paths):
    text = ""
    for path in paths:  # expect-not: unbounded-fanout
        text += transcribe(path)
    reply = client.messages.create(  # expect-not: batchable-fanout, model-routing, nonstreaming-max-tokens, missing-max-tokens, uncached-prompt
        model="claude-3-5-sonnet-20240620",
        max_tokens=5000,
        messages=[{"role": "user", "content": f"Explain these notes for a general reader:\n\n{text}"}],
    )
    print(reply.content[0].text)


explain(pages)
