# realworld repro (positive): naive-retry -- a benchmark's Claude model class decorates its API-call method with
# handle_errors("Claude", max_retries=3) imported from a sibling module; the decorator catches every exception and, on
# a rate limit, sleeps 2 s then 4 s before the next of three attempts (server errors 4 s, 8 s), never reading
# retry-after
# source: ewernn/SycoBench src/models/claude.py:43
import os

import anthropic
from answers_retry import handle_errors


class ClaudeModel:
    def __init__(self, model: str = "claude-sonnet-4-5") -> None:
        self.model = model
        self.client = anthropic.Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])

    @handle_errors("Claude", max_retries=3)  # expect: naive-retry
    def _make_api_call(self, messages, system=None, max_tokens=1024):
        params = {"model": self.model, "max_tokens": max_tokens, "messages": messages}
        if system:
            params["system"] = system
        response = self.client.messages.create(**params)
        return response.content[0].text

    def answer(self, question: str) -> str:
        return self._make_api_call([{"role": "user", "content": question}])
