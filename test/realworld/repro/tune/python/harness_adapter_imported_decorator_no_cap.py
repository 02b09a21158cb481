# realworld repro (positive): naive-retry -- an evaluation harness's Claude adapter wraps its one create in an inner
# function decorated with retry_on_exceptions imported from a sibling module; the decorator re-runs it on
# RateLimitError, APIConnectionError and APIStatusError with no attempt cap, 3 s growing by 1.5x, and never reads
# retry-after
# source: EleutherAI/lm-evaluation-harness lm_eval/models/anthropic_llms.py:122
import os

import anthropic
from scoring_retry import retry_on_exceptions


def complete(prompt: str, model: str = "claude-sonnet-4-5", max_tokens: int = 512) -> str:
    client = anthropic.Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])

    def log_wait(error: Exception, seconds: float) -> None:
        print(f"{type(error).__name__}: trying again in {seconds:.1f}s")

    @retry_on_exceptions(  # expect: naive-retry
        on_exceptions=[
            anthropic.RateLimitError,
            anthropic.APIConnectionError,
            anthropic.APIStatusError,
        ],
        max_retries=None,
        on_wait=log_wait,
    )
    def ask() -> str:
        reply = client.messages.create(
            model=model,
            max_tokens=max_tokens,
            messages=[{"role": "user", "content": prompt}],
        )
        return reply.content[0].text

    return ask()
