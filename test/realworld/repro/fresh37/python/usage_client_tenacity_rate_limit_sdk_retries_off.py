# realworld repro (negative): naive-retry ignore (a library as the only retry on a client with SDK retries off: the rule's documented set-up) -- a tenacity decorator on an async client method retries
# RateLimitError and connection errors three times with exponential 2-60 s waits and never reads retry-after; the
# client turns the SDK's retries off with a comment that the class retries itself (retries-disabled look-alike),
# and the create takes max_tokens and system as parameters
# source: kokomoor/kokomoor-platform core/llm/anthropic.py:52
# source: kokomoor/kokomoor-platform core/llm/anthropic.py:48
# source: kokomoor/kokomoor-platform core/llm/anthropic.py:90
# source: kokomoor/kokomoor-platform core/llm/anthropic.py:97
import os
import time

import anthropic
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential


class MeteredClaude:
    def __init__(self, model: str | None = None) -> None:
        self.model = model or os.environ.get("CLAUDE_MODEL", "")
        self.client = anthropic.AsyncAnthropic(
            api_key=os.environ["ANTHROPIC_API_KEY"],
            timeout=float(os.environ.get("CLAUDE_TIMEOUT", "120")),
            max_retries=0,  # retries are handled by the decorator below  # expect-not: retries-disabled
        )
        self.failures = 0
        self.spent_ms = 0.0

    @retry(
        retry=retry_if_exception_type((anthropic.RateLimitError, anthropic.APIConnectionError)),
        wait=wait_exponential(multiplier=1, min=2, max=60),
        stop=stop_after_attempt(3),
    )
    async def ask(self, text: str, *, system: str | None = None, max_tokens: int = 4096) -> str:
        started = time.monotonic()
        try:
            reply = await self.client.messages.create(  # expect-not: missing-max-tokens, nonstreaming-max-tokens
                model=self.model,
                max_tokens=max_tokens,
                system=system if system is not None else anthropic.NOT_GIVEN,
                messages=[{"role": "user", "content": text}],
            )
        except Exception:  # expect-not: string-matched-error
            self.failures += 1
            raise
        self.spent_ms += (time.monotonic() - started) * 1000
        return "\n".join(block.text for block in reply.content if block.type == "text")
