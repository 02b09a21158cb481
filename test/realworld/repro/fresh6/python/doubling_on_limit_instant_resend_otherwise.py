# realworld repro (positive + negative): naive-retry -- a client wrapper loops over a configured number of
# attempts around messages.create: a RateLimitError doubles a configured pause, any other exception re-sends at
# once; retry-after is never read; nonstreaming-max-tokens look-alike -- the limit comes from a config object
# source: MarkerAnn/Process-Transcript-to-Notes anthropic_api/api_client.py:14
# source: MarkerAnn/Process-Transcript-to-Notes anthropic_api/api_client.py:18
import time

from anthropic import Anthropic, RateLimitError


class NotesWriter:
    def __init__(self, settings, pacer):
        self.api = Anthropic(api_key=settings.key)
        self.settings = settings
        self.pacer = pacer

    def write(self, text, tries=None):
        tries = tries or self.settings.tries
        for n in range(tries):  # expect: naive-retry
            try:
                self.pacer.hold()
                reply = self.api.messages.create(  # expect-not: nonstreaming-max-tokens
                    model=self.settings.model,
                    max_tokens=self.settings.limit,
                    messages=[{"role": "user", "content": text}],
                )
                return reply.content[0].text if reply.content else ""
            except RateLimitError:
                if n == tries - 1:
                    raise
                time.sleep(self.settings.first_pause * (2**n))
            except Exception as exc:
                print(f"call failed: {exc}")
                if n == tries - 1:
                    raise
