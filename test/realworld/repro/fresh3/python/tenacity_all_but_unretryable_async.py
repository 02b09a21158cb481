# realworld repro (positive): naive-retry -- a tenacity @retry (three attempts, exponential 2-5 s) on every
# error but a custom "unretryable" one; the function turns a 429 into the retryable error, never reads
# retry-after, and calls an AsyncAnthropic messages.create whose client keeps the SDK's own retries
# source: HumeAI/expressive-tts-arena src/integrations/anthropic.py:144
import logging

from anthropic import APIError, AsyncAnthropic
from tenacity import retry, retry_if_exception, stop_after_attempt, wait_exponential

log = logging.getLogger(__name__)

SYSTEM = "You write one short, vivid line a given character might say aloud. No quotes, no stage directions."


class LineError(Exception):
    pass


class FinalLineError(LineError):
    pass


@retry(  # expect: naive-retry
    retry=retry_if_exception(lambda e: not isinstance(e, FinalLineError)),
    stop=stop_after_attempt(3),
    wait=wait_exponential(multiplier=1, min=2, max=5),
    reraise=True,
)
async def write_line(character: str, key: str) -> str:
    api = AsyncAnthropic(api_key=key)
    try:
        reply = await api.messages.create(
            model="claude-3-5-sonnet-latest",
            max_tokens=300,
            system=SYSTEM,
            messages=[{"role": "user", "content": f"Character: {character}"}],
        )
        return "".join(b.text for b in reply.content if b.type == "text")
    except APIError as exc:
        status = getattr(exc, "status_code", None)
        if status == 429:
            raise LineError("busy, try again") from exc
        if status is not None and 400 <= status < 500:
            raise FinalLineError(str(exc)) from exc
        raise LineError(str(exc)) from exc
