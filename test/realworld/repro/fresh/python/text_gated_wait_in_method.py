# realworld repro (positive): naive-retry and string-matched-error -- a content-writer method retries its
# create on every exception: when the error text mentions "rate_limit" or "429" it waits 30 s times the
# attempt, otherwise a fixed 5 s; retry-after is never read
# source: Abhisheksharma99/Leadsneoforge automation/claude-bot.py:186
# source: Abhisheksharma99/Leadsneoforge automation/claude-bot.py:198
import logging
import time

import anthropic

log = logging.getLogger("writer")


class PostWriter:
    def __init__(self, key, model="claude-haiku-4-5"):
        self.client = anthropic.Anthropic(api_key=key)
        self.model = model

    def write(self, brief, tone, size=600):
        tries = 3
        for n in range(tries):  # expect: naive-retry
            try:
                reply = self.client.messages.create(
                    model=self.model,
                    max_tokens=size,
                    system=tone,
                    messages=[{"role": "user", "content": brief}],
                )
                return reply.content[0].text
            except Exception as err:
                text = str(err)
                if "rate_limit" in text.lower() or "429" in text:  # expect: string-matched-error
                    time.sleep(30 * (n + 1))
                elif n < tries - 1:
                    log.warning("writer failed: %s", err)
                    time.sleep(5)
                else:
                    raise
        return ""
