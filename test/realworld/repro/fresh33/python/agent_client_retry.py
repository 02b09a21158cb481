# realworld repro (module): the wrapper imported by agent_client_runtime_wrapped_method.py -- a function that
# takes a callable and returns a wrapped one which, on any exception, sleeps a random 3-30 s and calls again up to
# a number of retries, never reading retry-after; no Claude call here
# source: bytedance/trae-agent trae_agent/utils/llm_clients/anthropic_client.py:97
import random
import time
from functools import wraps


def with_random_pause(func, provider: str = "provider", retries: int = 3):
    @wraps(func)
    def run(*args, **kwargs):
        for attempt in range(retries + 1):  # expect-not: naive-retry
            try:
                return func(*args, **kwargs)
            except Exception as exc:
                if attempt == retries:
                    raise
                pause = random.randint(3, 30)
                print(f"{provider} call failed: {exc}; sleeping {pause}s")
                time.sleep(pause)

    return run
