# realworld repro (positive + negative): naive-retry -- a paper-notes helper class: its request method paces itself
# two seconds after the previous request and, when the SDK raises RateLimitError, sleeps a minute doubled per
# attempt and calls itself again with the attempt count plus one (up to five), never reading retry-after, with the
# SDK's own retries still on; look-alikes: the handler is class-based, the model and max_tokens come from a config
# object, the instruction template is read from a file and there is no system prompt, the per-paper loop lives in
# another module, the key comes from the environment
# source: diogo-cruz/literature_review src/claude_analyzer.py:70
# source: diogo-cruz/literature_review src/claude_analyzer.py:61
# source: diogo-cruz/literature_review src/claude_analyzer.py:49
# source: diogo-cruz/literature_review src/claude_analyzer.py:18
import os
import time
from pathlib import Path

from anthropic import Anthropic, RateLimitError

from .settings import Settings


class NoteTaker:
    def __init__(self, settings: Settings):
        self.api = Anthropic(api_key=os.getenv("ANTHROPIC_API_KEY"))  # expect-not: retries-disabled, hardcoded-api-key
        self.settings = settings
        self.template = Path("notes_prompt.txt").read_text()
        self.previous = 0.0
        self.gap = 2
        self.limit = 5
        self.first_wait = 60

    def _request(self, text: str, attempt: int = 0):
        since = time.time() - self.previous
        if since < self.gap:
            time.sleep(self.gap - since)
        try:
            reply = self.api.messages.create(  # expect-not: batchable-fanout, missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt
                model=self.settings.model,
                max_tokens=self.settings.max_tokens,
                messages=[{"role": "user", "content": text}],
            )
            self.previous = time.time()
            return reply.content[0].text
        except RateLimitError:  # expect-not: string-matched-error
            if attempt >= self.limit:
                print("giving up after too many rate limits")
                return None
            pause = self.first_wait * (2 ** attempt)
            print(f"rate limited, sleeping {pause}s")
            time.sleep(pause)
            return self._request(text, attempt + 1)  # expect: naive-retry

    def notes_for(self, paper: str, topic: str) -> dict:
        text = f"Topic:\n{topic}\n\nPaper:\n{paper}\n\n{self.template}"
        answer = self._request(text)
        if answer is None:
            raise RuntimeError("no notes")
        return {"notes": answer}
