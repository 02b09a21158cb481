# realworld repro (positive + negative): naive-retry -- the app's single Claude gateway decorates its completion
# method with tenacity: retry_if_exception_type over RateLimitError, connection, timeout, 5xx and overloaded errors,
# stop after a configured count, exponential waits of 2 to 60 s, never retry-after, stacked on a client that keeps
# the SDK's retries; above 20,000 tokens the same request is streamed instead of sent with create
# source: Rmasood1122/LeadPilot app/services/anthropic_client.py:120
# source: Rmasood1122/LeadPilot app/services/anthropic_client.py:121
# source: Rmasood1122/LeadPilot app/services/anthropic_client.py:160
# source: Rmasood1122/LeadPilot app/services/anthropic_client.py:157
# source: Rmasood1122/LeadPilot app/services/anthropic_client.py:118
import os

import anthropic
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential

PASSING = (
    anthropic.RateLimitError,
    anthropic.APIConnectionError,
    anthropic.APITimeoutError,
    anthropic.InternalServerError,
)
STREAM_ABOVE = 20_000
ATTEMPTS = int(os.environ.get("GATEWAY_ATTEMPTS", "3"))
MODEL = os.environ.get("GATEWAY_MODEL", "claude-sonnet-4-5")


class Gateway:
    def __init__(self) -> None:
        self.client = anthropic.Anthropic(api_key=os.environ["GATEWAY_KEY"])  # expect-not: retries-disabled, hardcoded-api-key

    @retry(  # expect: naive-retry
        retry=retry_if_exception_type(PASSING),  # expect-not: string-matched-error
        stop=stop_after_attempt(ATTEMPTS),
        wait=wait_exponential(multiplier=2, min=2, max=60),
        reraise=True,
    )
    def complete(self, system: str, prompt: str, max_tokens: int = 4096) -> str:
        request = dict(
            model=MODEL,
            max_tokens=max_tokens,
            system=system,
            messages=[{"role": "user", "content": prompt}],
        )
        if max_tokens > STREAM_ABOVE:
            with self.client.messages.stream(**request) as stream:  # expect-not: missing-max-tokens
                reply = stream.get_final_message()
        else:
            reply = self.client.messages.create(**request)  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
        return "".join(part.text for part in reply.content if getattr(part, "type", "") == "text")
