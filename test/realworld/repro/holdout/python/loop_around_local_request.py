# realworld repro (positive + negative): a `while reply is None` loop around a local function that
# calls Claude, fixed sleep on RateLimitError (naive-retry); a content-filter comparison on the
# error body (not string-matched-error)
# source: evalplus/repoqa repoqa/provider/request/anthropic.py:39
# source: evalplus/repoqa repoqa/provider/request/anthropic.py:61
import time

import anthropic


def send(client, text, model, max_tokens=512):
    return client.messages.create(model=model, max_tokens=max_tokens, messages=[{"role": "user", "content": text}])


def send_until_done(client, *args, **kwargs):
    reply = None
    while reply is None:  # expect: naive-retry
        try:
            reply = send(client, *args, **kwargs)
        except anthropic.RateLimitError:
            time.sleep(10)
        except anthropic.APIError as err:
            if err.body["error"]["message"] == "Output held back by policy":  # expect-not: string-matched-error
                raise RuntimeError("policy") from err
    return reply
