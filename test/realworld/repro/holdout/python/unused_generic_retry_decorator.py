# realworld repro (negative): naive-retry -- a generic retry decorator defined in the file but not
# applied to the Claude request here (other modules apply it to other providers)
# source: WildEval/ZeroEval src/unified_utils.py:179
import time
from functools import wraps

from anthropic import Anthropic


def with_retries(limit=5):
    def decorate(func):
        @wraps(func)
        def wrapper(*args, **kwargs):
            tries = 0
            while True:  # expect-not: naive-retry
                try:
                    return func(*args, **kwargs)
                except Exception as err:
                    print(err)
                    if tries >= limit:
                        raise
                    tries += 1
                    time.sleep(3)

        return wrapper

    return decorate


def claude_request(model, prompt, max_tokens=512):
    client = Anthropic()
    reply = client.messages.create(model=model, max_tokens=max_tokens, messages=[{"role": "user", "content": prompt}])
    return [reply.content[0].text]
