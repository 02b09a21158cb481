# realworld repro (positive + negative): naive-retry -- a helper handed the client tries four times and sleeps
# 45, 90 then 180 s from a fixed table on each RateLimitError, never reading retry-after; other status errors
# are re-raised at once with their status code; look-alikes: the status handler tests no text, the request is
# built as a kwargs dict that sets max_tokens, system and tools are optional parameters
# source: Zing302/ai-market-intel utils/anthropic_client.py:38
# source: Zing302/ai-market-intel utils/anthropic_client.py:50
# source: Zing302/ai-market-intel utils/anthropic_client.py:40
import time
from typing import Any

import anthropic

LIMIT = 350
_WAITS = [45, 90, 180]


def send_with_waits(client: anthropic.Anthropic, turns: list[dict], model: str, limit: int = LIMIT, system: str | None = None):
    params: dict[str, Any] = {"model": model, "max_tokens": limit, "messages": turns}
    if system:
        params["system"] = system

    for n in range(1, len(_WAITS) + 2):  # expect: naive-retry
        try:
            return client.messages.create(**params)  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
        except anthropic.RateLimitError:
            if n > len(_WAITS):
                raise RuntimeError("still throttled after every wait")
            time.sleep(_WAITS[n - 1])
        except anthropic.APIStatusError as exc:  # expect-not: string-matched-error
            raise RuntimeError(f"status {exc.status_code}: {exc.message}") from exc
