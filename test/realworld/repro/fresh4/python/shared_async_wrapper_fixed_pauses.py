# realworld repro (positive + negative): naive-retry -- a shared async wrapper whose attempt loop re-sends
# messages.create(**kwargs) after RateLimitError / server errors / timeouts with fixed 1/2/4 s pauses
# (asyncio.sleep), retry-after never read; look-alikes -- the same attempt loop around a mail API request that
# retries HTTP 429 (no Claude call), and its status compared to the string "429" (a status code, not error text)
# source: psychoblast/maestro-backend anthropic_utils.py:98
# source: psychoblast/maestro-backend pitch_service.py:371
# source: psychoblast/maestro-backend pitch_service.py:387
import asyncio
import logging
import time

import anthropic

log = logging.getLogger("llm")

TRANSIENT = (anthropic.RateLimitError, anthropic.InternalServerError, anthropic.APITimeoutError)
PAUSES = (1, 2, 4)


async def create_with_pauses(client: anthropic.Anthropic, **kwargs):
    last = None
    for attempt in range(len(PAUSES) + 1):  # expect: naive-retry
        try:
            return client.messages.create(**kwargs)
        except TRANSIENT as exc:
            last = exc
            if attempt < len(PAUSES):
                log.warning("claude call failed (%s), pausing %ss", type(exc).__name__, PAUSES[attempt])
                await asyncio.sleep(PAUSES[attempt])
        except Exception:
            log.exception("claude call failed for good")
            raise
    raise last


def send_mail_with_retry(request, tries=3):
    pauses = [1, 2, 4]
    for attempt in range(tries):  # expect-not: naive-retry
        try:
            return request.execute()
        except Exception as exc:
            status = getattr(getattr(exc, "resp", None), "status", None)
            if str(status) == "429" and attempt < tries - 1:  # expect-not: string-matched-error
                time.sleep(pauses[attempt])
                continue
            raise


async def draft_note(client, topic):
    reply = await create_with_pauses(
        client,
        model="claude-haiku-4-5",
        max_tokens=400,
        messages=[{"role": "user", "content": f"Draft a short note about {topic}."}],
    )
    return reply.content[0].text
