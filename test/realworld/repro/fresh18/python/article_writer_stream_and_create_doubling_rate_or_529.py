# realworld repro (positive + negative): naive-retry -- an article helper has two inner functions, one streaming and
# one not, each a four-attempt loop that retries RateLimitError or a 529 status after a doubling 1 s, 2 s, 4 s wait
# with no jitter and no retry-after, on a client that keeps the SDK's retries; look-alikes: the overload test is a
# status comparison, the system block already carries cache_control, one article per call (no loop over data)
# source: mhaegeman/medium-writer src/medium_writer/writer.py:113
# source: mhaegeman/medium-writer src/medium_writer/writer.py:138
# source: mhaegeman/medium-writer src/medium_writer/writer.py:116
# source: mhaegeman/medium-writer src/medium_writer/writer.py:140
# source: mhaegeman/medium-writer src/medium_writer/writer.py:130
# source: mhaegeman/medium-writer src/medium_writer/writer.py:83
import os
import time

import anthropic

MODEL = os.environ.get("ESSAY_MODEL", "claude-sonnet-4-5")


def write_essay(title, notes, live=True):
    api = anthropic.Anthropic(api_key=os.environ.get("ESSAY_KEY"))  # expect-not: retries-disabled, hardcoded-api-key
    style = open("style.md", encoding="utf-8").read()
    turn = [{"role": "user", "content": f"Title: {title}\n\nNotes:\n{notes}"}]
    attempts = 4

    def streamed():
        for k in range(attempts):  # expect: naive-retry
            try:
                chunks = []
                with api.messages.stream(  # expect-not: nonstreaming-max-tokens, missing-max-tokens, model-routing, batchable-fanout, uncached-prompt
                    model=MODEL,
                    max_tokens=4096,
                    system=[{"type": "text", "text": style, "cache_control": {"type": "ephemeral"}}],
                    messages=turn,
                ) as s:
                    for piece in s.text_stream:
                        chunks.append(piece)
                return "".join(chunks)
            except (anthropic.RateLimitError, anthropic.APIStatusError) as e:
                if k == attempts - 1:
                    raise
                busy = isinstance(e, anthropic.APIStatusError) and e.status_code == 529  # expect-not: string-matched-error
                if isinstance(e, anthropic.RateLimitError) or busy:
                    time.sleep(2**k)
                else:
                    raise
        raise RuntimeError("unreachable")

    def whole():
        for k in range(attempts):  # expect: naive-retry
            try:
                msg = api.messages.create(  # expect-not: nonstreaming-max-tokens, missing-max-tokens, model-routing, batchable-fanout, uncached-prompt
                    model=MODEL,
                    max_tokens=4096,
                    system=[{"type": "text", "text": style, "cache_control": {"type": "ephemeral"}}],
                    messages=turn,
                )
                return msg.content[0].text
            except (anthropic.RateLimitError, anthropic.APIStatusError) as e:
                if k == attempts - 1:
                    raise
                busy = isinstance(e, anthropic.APIStatusError) and e.status_code == 529
                if isinstance(e, anthropic.RateLimitError) or busy:
                    time.sleep(2**k)
                else:
                    raise
        raise RuntimeError("unreachable")

    return streamed() if live else whole()
