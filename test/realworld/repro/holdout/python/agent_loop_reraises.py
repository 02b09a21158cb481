# realworld repro (negative): naive-retry -- an agent loop whose except re-raises after reporting
# source: anthropics/claude-quickstarts browser-use-demo/browser_use_demo/loop.py:101
from anthropic import Anthropic


def browse(key, turns, tools, notify):
    client = Anthropic(api_key=key, max_retries=4)
    while True:  # expect-not: naive-retry
        params = {"max_tokens": 4096, "messages": turns, "model": "claude-sonnet-4-5", "tools": tools}
        try:
            reply = client.messages.create(**params)
        except Exception as err:
            notify(err)
            raise err
        if reply.stop_reason == "tool_use":
            turns.append({"role": "assistant", "content": reply.content})
            continue
        return turns + [{"role": "assistant", "content": reply.content}]
