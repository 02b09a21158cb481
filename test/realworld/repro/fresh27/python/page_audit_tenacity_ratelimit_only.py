# realworld repro (positive + negative): naive-retry -- a page-audit helper is decorated with tenacity's @retry
# limited to connection and rate-limit errors (three attempts, exponential wait of 2-10 s), so a 429 is sent again
# on the library's short schedule, never on retry-after, over a lazily built client that keeps the SDK's retries;
# look-alikes: the loop over screenshots only gathers image blocks into one request, no system prompt, one page
# per call, Sonnet at 3,500 tokens
# source: Taurist-Technologies/cro_analyzer utils/anthropic_client.py:29
# source: Taurist-Technologies/cro_analyzer utils/anthropic_client.py:115
# source: Taurist-Technologies/cro_analyzer utils/anthropic_client.py:25
import os

import anthropic
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential

_client = None


def audit_client():
    global _client
    if _client is None:
        _client = anthropic.Anthropic(api_key=os.getenv("ANTHROPIC_API_KEY"))  # expect-not: retries-disabled
    return _client


@retry(  # expect: naive-retry
    stop=stop_after_attempt(3),
    wait=wait_exponential(multiplier=1, min=2, max=10),
    retry=retry_if_exception_type((anthropic.APIConnectionError, anthropic.RateLimitError)),
    reraise=True,
)
def audit_page(instructions: str, page_url: str, shots: list):
    blocks = []
    for shot in shots:
        blocks.append({
            "type": "image",
            "source": {"type": "base64", "media_type": "image/png", "data": shot},
        })
    blocks.append({"type": "text", "text": f"{instructions}\n\nPage: {page_url}\nReturn the findings as JSON."})

    return audit_client().messages.create(  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
        model="claude-sonnet-4-20250514",
        max_tokens=3500,
        messages=[{"role": "user", "content": blocks}],
    )
