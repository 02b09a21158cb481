# realworld repro (negative): naive-retry -- an agent loop whose except handlers return, so it never retries
# source: anthropics/claude-quickstarts computer-use-demo/computer_use_demo/loop.py:111
from anthropic import Anthropic, APIError, APIStatusError


def run_agent(key, turns, tools, report):
    while True:  # expect-not: naive-retry
        client = Anthropic(api_key=key, max_retries=4)
        try:
            reply = client.beta.messages.create(model="claude-sonnet-4-5", max_tokens=4096, messages=turns, tools=tools)
        except APIStatusError as err:
            report(err)
            return turns
        except APIError as err:
            report(err)
            return turns
        turns.append({"role": "assistant", "content": reply.content})
        if reply.stop_reason != "tool_use":
            return turns
