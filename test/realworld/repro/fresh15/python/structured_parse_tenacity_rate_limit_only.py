# realworld repro (positive + negative): naive-retry -- a shared structured-output helper decorates an inner function
# with tenacity (three attempts, exponential wait, RateLimitError only) around messages.parse on a cached client built
# in the file with the SDK's default retries, so the library retries on top of the SDK and never reads retry-after;
# look-alikes: an Opus-named default model with no loop over data, a 4,096-token constant, a system prompt passed in
# source: mathurvarun84/supply-chain-disrupter src/utils/anthropic_utils.py:73
# source: mathurvarun84/supply-chain-disrupter src/utils/anthropic_utils.py:81
# source: mathurvarun84/supply-chain-disrupter src/utils/anthropic_utils.py:51
import os
from functools import lru_cache
from typing import Type, TypeVar

from anthropic import Anthropic, RateLimitError
from pydantic import BaseModel
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential

BIG_MODEL = "claude-opus-4-8"
TOKENS = 4096

M = TypeVar("M", bound=BaseModel)


@lru_cache(maxsize=1)
def _client() -> Anthropic:
    key = os.getenv("ANTHROPIC_API_KEY")
    if not key:
        raise RuntimeError("ANTHROPIC_API_KEY missing")
    return Anthropic(api_key=key)  # expect-not: retries-disabled, hardcoded-api-key


def structured(system: str, text: str, shape: Type[M], model: str = BIG_MODEL, max_tokens: int = TOKENS) -> M:
    @retry(  # expect: naive-retry
        stop=stop_after_attempt(3),
        wait=wait_exponential(min=1, max=10),
        retry=retry_if_exception_type(RateLimitError),
        reraise=True,
    )
    def _once() -> M:
        out = _client().messages.parse(  # expect-not: model-routing, nonstreaming-max-tokens, missing-max-tokens, uncached-prompt, batchable-fanout
            model=model,
            max_tokens=max_tokens,
            system=system,
            messages=[{"role": "user", "content": text}],
            output_format=shape,
        )
        if out.stop_reason == "refusal":
            raise RuntimeError("refused")
        return out.parsed_output

    return _once()
