# realworld repro (positive + negative): naive-retry and string-matched-error -- a same-file generic
# wrapper re-runs the callable it is given forever on rate-limit text (10 s) and up to five times on other
# errors (5 s), never reading retry-after; it is applied to functools.partial of messages.create on an
# AnthropicVertex client, and also to an OpenAI chat.completions.create partial
# source: xlang-ai/BRIGHT reason.py:67
# source: xlang-ai/BRIGHT reason.py:27
# source: xlang-ai/BRIGHT reason.py:101
import functools
import time


def keep_trying(call):
    count = 0
    while True:
        try:
            count += 1
            result = call()
            break
        except Exception as err:
            if "rate limit" in str(err).lower() or "rate_limit" in str(err).lower():  # expect: string-matched-error
                time.sleep(10)
            elif count < 5:
                time.sleep(5)
            else:
                result = None
                break
    return result


class VertexClaude:
    def __init__(self, model):
        from anthropic import AnthropicVertex

        self.client = AnthropicVertex(region="us-east5", project_id="demo-project")
        self.model = model

    def rewrite(self, text):
        call = functools.partial(
            self.client.messages.create,
            max_tokens=2048,
            messages=[{"role": "user", "content": text}],
            model=self.model,
        )
        reply = keep_trying(call)  # expect: naive-retry
        return None if reply is None else reply.content[0].text


class OpenAIModel:
    def __init__(self, model):
        import openai

        self.client = openai.OpenAI()
        self.model = model

    def rewrite(self, text):
        call = functools.partial(
            self.client.chat.completions.create,
            model=self.model,
            messages=[{"role": "user", "content": text}],
            max_tokens=2048,
        )
        reply = keep_trying(call)  # expect-not: naive-retry
        return None if reply is None else reply.choices[0].message.content
