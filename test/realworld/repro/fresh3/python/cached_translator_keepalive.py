# realworld repro (negative): uncached-prompt look-alike -- per-sentence calls whose system block carries
# cache_control once count_tokens puts it at or above the cache minimum; naive-retry look-alike -- a keepalive
# poll loop that pings the cache after long idleness (an error is printed, the next poll is a new ping);
# model-routing look-alike -- the max_tokens=1 ping must use the translation model to keep its cache warm
# source: jsshim24/church-translation translate_claude.py:156
# source: jsshim24/church-translation translate_claude.py:180
# source: jsshim24/church-translation translate_claude.py:184
import sys
import threading
import time

import anthropic

CACHE_MIN = 1024
IDLE = 270
POLL = 10


def system_blocks(api, base, glossary, model):
    blocks = [{"type": "text", "text": base + "\n\nGlossary:\n" + glossary, "cache_control": {"type": "ephemeral"}}]
    probe = [{"role": "user", "content": "x"}]
    size = (
        api.messages.count_tokens(model=model, system=blocks, messages=probe).input_tokens
        - api.messages.count_tokens(model=model, messages=probe).input_tokens
    )
    if size >= CACHE_MIN:
        return blocks
    return [{"type": "text", "text": base + "\n\nGlossary:\n" + glossary}]


class Interpreter:
    def __init__(self, api, system, model="claude-sonnet-4-6"):
        self.api = api
        self.system = system
        self.model = model
        self.last = time.monotonic()

    def translate(self, recent, sentence):
        turns = []
        for src, dst in recent:
            turns += [{"role": "user", "content": src}, {"role": "assistant", "content": dst}]
        turns.append({"role": "user", "content": sentence})
        reply = self.api.messages.create(  # expect-not: uncached-prompt
            model=self.model,
            max_tokens=1024,
            system=self.system,
            messages=turns,
        )
        self.last = time.monotonic()
        return reply.content[0].text.strip()

    def keep_warm(self, stop: threading.Event):
        while not stop.wait(POLL):  # expect-not: naive-retry
            try:
                if time.monotonic() - self.last < IDLE:
                    continue
                self.api.messages.create(  # expect-not: model-routing
                    model=self.model,
                    max_tokens=1,
                    system=self.system,
                    messages=[{"role": "user", "content": "ready"}],
                )
                self.last = time.monotonic()
            except Exception as exc:
                print(f"keepalive error: {exc}", file=sys.stderr)
