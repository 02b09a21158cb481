# realworld repro (negative): naive-retry -- tenacity @retry around a function that catches every
# exception and returns None, so the decorator never sees a failure to retry
# source: princeton-nlp/SWE-bench swebench/inference/run_api.py:282
# source: princeton-nlp/SWE-bench swebench/inference/run_api.py:245
import time
import traceback

from anthropic import Anthropic
from tenacity import retry, stop_after_attempt, wait_random_exponential


@retry(wait=wait_random_exponential(min=60, max=600), stop=stop_after_attempt(6))  # expect-not: naive-retry
def solve(text, client: Anthropic, model):
    try:
        reply = client.messages.create(model=model, max_tokens=4096, messages=[{"role": "user", "content": text}])
        return reply, reply.usage.output_tokens
    except Exception:
        traceback.print_exc()
        time.sleep(20)
        return None
