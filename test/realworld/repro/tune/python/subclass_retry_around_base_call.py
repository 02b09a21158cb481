# realworld repro (positive): naive-retry -- a subclass overrides the request method and loops over
# super()'s version (the local base method that calls messages.create); RateLimitError waits
# first_wait * 2**attempt, server errors likewise; retry-after is never read
# source: buckster123/ApexAurum-Vivum core/api_client.py:520
import time

import anthropic


class ChatClient:
    def __init__(self, key=None, seconds=600.0):
        self.client = anthropic.Anthropic(api_key=key, timeout=seconds)

    def send(self, turns, model="claude-sonnet-4-5", max_tokens=4096):
        return self.client.messages.create(model=model, max_tokens=max_tokens, messages=turns)


class PatientChatClient(ChatClient):
    def __init__(self, key=None, tries=3, first_wait=1.0):
        super().__init__(key)
        self.tries = tries
        self.first_wait = first_wait

    def send(self, turns, model="claude-sonnet-4-5", max_tokens=4096):
        last = None
        for attempt in range(self.tries):  # expect: naive-retry
            try:
                return super().send(turns, model=model, max_tokens=max_tokens)
            except anthropic.RateLimitError as err:
                last = err
                if attempt == self.tries - 1:
                    raise
                time.sleep(self.first_wait * (2**attempt))
            except anthropic.APIStatusError as err:
                last = err
                if err.status_code >= 500 and attempt < self.tries - 1:
                    time.sleep(self.first_wait * (2**attempt))
                    continue
                raise
        raise last
