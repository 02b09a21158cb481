# realworld repro (positive): naive-retry -- a for-range loop around an AsyncAnthropic create that, on
# RateLimitError or a connection error, only records the message and goes round again with no wait at all;
# other API errors return an error reply
# source: marianariccio123-svg/llm-client anthropic_client.py:44
from anthropic import APIConnectionError, APIError, AsyncAnthropic, RateLimitError


class Reply:
    def __init__(self, text="", problem=None):
        self.text = text
        self.problem = problem


class ClaudeChat:
    def __init__(self, key, model="claude-haiku-4-5", max_tokens=512):
        self.client = AsyncAnthropic(api_key=key)
        self.model = model
        self.max_tokens = max_tokens

    async def reply(self, turns):
        extra_tries = 2
        problem = None
        for attempt in range(extra_tries + 1):  # expect: naive-retry
            try:
                res = await self.client.messages.create(model=self.model, max_tokens=self.max_tokens, messages=turns)
                return Reply("".join(b.text for b in res.content if b.type == "text"))
            except RateLimitError as err:
                problem = f"rate limited: {err}"
            except APIConnectionError as err:
                problem = f"connection: {err}"
            except APIError as err:
                return Reply(problem=str(err))
        return Reply(problem=problem)
