# realworld repro (positive + negative): naive-retry -- a vision runner retries messages.create three times:
# a RateLimitError waits a doubling pause, APIError and anything else a fixed pause; retry-after never read;
# uncached-prompt look-alike -- the repeated system prompt is a short style sheet, far under the cache minimum
# source: diangao/vid2script claude_runner.py:103
# source: diangao/vid2script claude_runner.py:107
import time

import anthropic

STYLE = "Write a relaxed two-person chat about what the camera shows. Keep turns short and concrete."


class ClipNarrator:
    def __init__(self, tries=3, pause=1.0):
        self.api = anthropic.Anthropic()
        self.tries = tries
        self.pause = pause

    def narrate(self, blocks):
        for n in range(self.tries):  # expect: naive-retry
            try:
                reply = self.api.messages.create(  # expect-not: uncached-prompt
                    model="claude-3-haiku-20240307",
                    max_tokens=1024,
                    system=STYLE,
                    messages=[{"role": "user", "content": blocks}],
                )
                if reply.content:
                    return reply.content[0].text
            except anthropic.RateLimitError:
                if n < self.tries - 1:
                    time.sleep(self.pause * (2**n))
            except anthropic.APIError:
                if n < self.tries - 1:
                    time.sleep(self.pause)
            except Exception:
                if n < self.tries - 1:
                    time.sleep(self.pause)
        return None
