# realworld repro (positive + negative): naive-retry -- a shared helper other modules import: an attempt loop around
# messages.create catches the SDK's rate-limit error (also 5xx status errors and connection errors) and sleeps the
# next wait of a fixed schedule read from the settings module before re-sending, never reading retry-after, on a
# client the caller built with the SDK's default retries; two single requests over all items use it in this module
# (the original reads the model, the retry count and the waits from a settings module; kept here as constants)
# source: stavrosrybank/NewsAgent newsagent/clustering.py:43
# source: stavrosrybank/NewsAgent newsagent/clustering.py:56
# source: stavrosrybank/NewsAgent newsagent/clustering.py:45
import json
import logging
import time

import anthropic

log = logging.getLogger(__name__)

DIGEST_MODEL = "claude-sonnet-4-6"
ATTEMPTS_AFTER_FIRST = 3
WAIT_SCHEDULE_S = [5, 10, 20]

STORY_TEMPLATE = """You write for a general audience. Summarise the story below in three short paragraphs.

Theme: {theme}

Coverage:
{coverage}

End with one line starting with HIGHLIGHT: and a single sentence.
"""


def ask_digest_model(client: anthropic.Anthropic, *, prompt: str, temperature: float, max_tokens: int) -> str:
    failure = None
    for attempt in range(ATTEMPTS_AFTER_FIRST + 1):  # expect: naive-retry
        try:
            reply = client.messages.create(  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, retries-disabled
                model=DIGEST_MODEL,
                max_tokens=max_tokens,
                temperature=temperature,
                messages=[{"role": "user", "content": prompt}],
            )
            return reply.content[0].text
        except anthropic.RateLimitError as exc:
            failure = exc
            log.warning("rate limited on attempt %d", attempt + 1)
        except anthropic.APIStatusError as exc:
            if exc.status_code >= 500:  # expect-not: string-matched-error
                failure = exc
                log.warning("server error %d", exc.status_code)
            else:
                raise
        except anthropic.APIConnectionError as exc:
            failure = exc
            log.warning("connection dropped: %s", exc)
        if attempt < ATTEMPTS_AFTER_FIRST:
            time.sleep(WAIT_SCHEDULE_S[min(attempt, len(WAIT_SCHEDULE_S) - 1)])
    raise RuntimeError("digest model unavailable") from failure


def group_headlines(headlines: list[str], client: anthropic.Anthropic) -> list[dict]:
    listing = "\n".join(f"[{i}] {h}" for i, h in enumerate(headlines))
    raw = ask_digest_model(client, prompt=f"Group these headlines into stories as JSON:\n{listing}", temperature=0.2, max_tokens=4096)
    return json.loads(raw).get("groups", [])


def rate_groups(groups: list[dict], client: anthropic.Anthropic) -> dict:
    listing = "\n".join(f"{g['id']}: {g['theme']}" for g in groups)
    raw = ask_digest_model(client, prompt=f"Rate each story 1-10 as JSON:\n{listing}", temperature=0.2, max_tokens=2048)
    return json.loads(raw)
