# realworld repro (negative): string-matched-error -- an exception mapper used by the except around
# the call tests status 529 or "overloaded_error" in the text: overload, not rate-limit wording
# source: agno-agi/agno libs/agno/agno/models/anthropic/claude.py:715
from anthropic import Anthropic, APIStatusError, RateLimitError


class Busy(Exception):
    pass


class Failed(Exception):
    pass


class ClaudeAdapter:
    def __init__(self):
        self.client = Anthropic()

    def _translate(self, exc):
        if isinstance(exc, RateLimitError):
            raise Busy(exc.message) from exc
        if isinstance(exc, APIStatusError):
            if exc.status_code == 529 or "overloaded_error" in str(exc):  # expect-not: string-matched-error
                raise Busy(exc.message) from exc
            raise Failed(exc.message) from exc
        raise Failed(str(exc)) from exc

    def reply(self, turns):
        try:
            return self.client.messages.create(model="claude-sonnet-4-5", max_tokens=2048, messages=turns)
        except Exception as exc:
            self._translate(exc)
