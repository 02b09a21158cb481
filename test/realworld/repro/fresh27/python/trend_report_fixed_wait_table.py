# realworld repro (positive + negative): naive-retry -- a shared report helper tries three times; a RateLimitError
# (and any other error) waits a fixed 25 s then 50 s from a table, never the server's retry-after, on a default
# client that already retries twice on its own; an authentication error stops at once; look-alikes: handlers
# decide by exception class and only log the text, one request per call, parameters for model and max_tokens
# source: ohg9875/funding-trend utils/claude_client.py:56
# source: ohg9875/funding-trend utils/claude_client.py:58
# source: ohg9875/funding-trend utils/claude_client.py:54
# source: ohg9875/funding-trend utils/claude_client.py:80
import logging
import time
from typing import Optional

log = logging.getLogger(__name__)

_PAUSES = [25, 50]


def ask_for_report(text: str, model: str = "claude-sonnet-4-6", max_tokens: int = 1800, tries: int = 3) -> Optional[str]:
    import anthropic

    client = anthropic.Anthropic()  # expect-not: retries-disabled

    for n in range(1, tries + 1):  # expect: naive-retry
        try:
            reply = client.messages.create(  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
                model=model,
                max_tokens=max_tokens,
                messages=[{"role": "user", "content": text}],
            )
            if not reply.content or not reply.content[0].text.strip():
                raise ValueError("blank reply")
            return reply.content[0].text
        except anthropic.AuthenticationError:
            log.error("bad key, giving up")
            return None
        except anthropic.RateLimitError:
            pause = _PAUSES[min(n - 1, len(_PAUSES) - 1)]
            log.warning("throttled, sleeping %ss (%s/%s)", pause, n, tries)
            if n < tries:
                time.sleep(pause)
        except Exception as err:  # expect-not: string-matched-error
            pause = _PAUSES[min(n - 1, len(_PAUSES) - 1)]
            log.warning("call failed (%s/%s): %s", n, tries, err)
            if n < tries:
                time.sleep(pause)

    log.error("all %s tries failed", tries)
    return None
