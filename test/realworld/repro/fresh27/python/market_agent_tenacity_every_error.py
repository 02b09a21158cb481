# realworld repro (positive + negative): naive-retry -- a shared helper decorated with tenacity's @retry (random
# exponential wait up to a minute, six attempts, no predicate) sends every failed request again, rate limits and
# rejected requests alike, on a module client that keeps the SDK's own retries; retry-after is never read;
# look-alikes: the model and max_tokens are parameters, no loop over data, the key comes from the environment
# source: saim201/SolanaAnalyst app/agents/llm.py:11
# source: saim201/SolanaAnalyst app/agents/llm.py:13
# source: saim201/SolanaAnalyst app/agents/llm.py:8
# source: saim201/SolanaAnalyst app/agents/llm.py:7
import os

from anthropic import Anthropic
from tenacity import retry, stop_after_attempt, wait_random_exponential

DESK_KEY = os.getenv("ANTHROPIC_API_KEY")  # expect-not: hardcoded-api-key
desk = Anthropic(api_key=DESK_KEY)  # expect-not: retries-disabled


@retry(wait=wait_random_exponential(min=2, max=60), stop=stop_after_attempt(6))  # expect: naive-retry
def ask_desk(question, model, temperature=0.0, max_tokens=3000):
    reply = desk.messages.create(  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
        model=model,
        max_tokens=max_tokens,
        temperature=temperature,
        messages=[{"role": "user", "content": question}],
    )
    return reply.content[0].text
