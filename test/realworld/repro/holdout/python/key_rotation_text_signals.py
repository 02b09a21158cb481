# realworld repro (positive): naive-retry and string-matched-error -- a same-file wrapper retries a local
# async function (which calls Claude with the given key) up to three times, immediately, whenever a key
# rotator decides from the error text that it was rate limited: any(...) over "rate limit", "429",
# "quota" ... in str(e).lower(); retry-after is never read
# source: iteebz/anthropic-eval agentinterface/python/src/agentinterface/llms.py:81
# source: iteebz/anthropic-eval agentinterface/python/src/agentinterface/llms.py:60
import os
import time

import anthropic


class KeyRing:
    def __init__(self, prefix):
        self.keys = [v for k, v in sorted(os.environ.items()) if k.startswith(prefix)]
        self.index = 0
        self.last = 0.0

    @property
    def key(self):
        return self.keys[self.index % len(self.keys)] if self.keys else None

    def rotate(self, text):
        if not text or len(self.keys) < 2:
            return False
        hints = ["quota", "rate limit", "429", "throttle", "exceeded"]
        if not any(h in text.lower() for h in hints):
            return False
        now = time.time()
        if now - self.last >= 1:
            self.index = (self.index + 1) % len(self.keys)
            self.last = now
            return True
        return False


_rings = {}


async def with_keys(prefix, fn, *args):
    ring = _rings.setdefault(prefix, KeyRing(prefix))
    error = None
    for _ in range(3):  # expect: naive-retry
        if not ring.key:
            raise ValueError(f"no {prefix} keys")
        try:
            return await fn(ring.key, *args)
        except Exception as err:
            error = err
            if not ring.rotate(str(err)):  # expect: string-matched-error
                break
    raise error


async def summarise(text):
    async def once(key):
        client = anthropic.AsyncAnthropic(api_key=key)
        reply = await client.messages.create(
            model="claude-haiku-4-5",
            max_tokens=600,
            messages=[{"role": "user", "content": f"Summarise: {text}"}],
        )
        return reply.content[0].text

    return await with_keys("CLAUDE_KEY_", once)
