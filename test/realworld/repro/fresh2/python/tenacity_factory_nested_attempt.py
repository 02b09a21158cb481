# realworld repro (positive): naive-retry -- a same-file factory returns a tenacity retry on RateLimitError
# with exponential waits, and a helper applies it to a nested function that sends a forced tool call
# source: az9713/ai-intelligence-tracker src/claude_client.py:148
import time

import anthropic
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential


def _backoff():
    return retry(
        retry=retry_if_exception_type(anthropic.RateLimitError),
        wait=wait_exponential(multiplier=1, min=5, max=120),
        stop=stop_after_attempt(3),
        reraise=True,
    )


def forced_tool(api, model, system_text, user_text, tool, log, limit=4096):
    system = [{"type": "text", "text": system_text, "cache_control": {"type": "ephemeral"}}]

    @_backoff()  # expect: naive-retry
    def _once():
        started = time.monotonic()
        try:
            return api.messages.create(
                model=model,
                max_tokens=limit,
                system=system,
                messages=[{"role": "user", "content": user_text}],
                tools=[tool],
                tool_choice={"type": "tool", "name": tool["name"]},
            )
        except anthropic.RateLimitError:
            log(time.monotonic() - started, "rate limited, retrying")
            raise

    reply = _once()
    return next(b.input for b in reply.content if b.type == "tool_use")
