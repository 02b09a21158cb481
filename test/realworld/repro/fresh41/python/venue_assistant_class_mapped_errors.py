# realworld repro (negative): string-matched-error, naive-retry, uncached-prompt -- a chat endpoint's helper sends
# one create with a constant system prompt of a few hundred tokens (below every cache minimum), model and limit from
# the environment and a per-request timeout; each SDK error class, RateLimitError included, is mapped to an HTTP
# error and raised, nothing is re-sent and no error text is tested
# source: Altayir99/BizScout-Backend app/services/claude_service.py:76
# source: Altayir99/BizScout-Backend app/services/claude_service.py:89
# source: Altayir99/BizScout-Backend app/services/claude_service.py:64
import os

import anthropic
from fastapi import HTTPException

SYSTEM_PROMPT = """You are VenueDesk, the planning assistant of a small company that runs three event venues.

Your jobs:
- answer questions about bookings, capacities, catering packages and staffing plans
- draft offers for corporate clients and wedding parties
- compare suppliers and give a clear recommendation
- turn loose notes into checklists grouped by priority

When asked for a report, use headings, short bullet points and a conclusion.
When asked for a comparison, use a table and end with a recommendation.
When asked for an offer, write subject, introduction, services, terms and closing.
Keep a professional, direct tone and answer in the language of the question."""

_client: anthropic.AsyncAnthropic | None = None


def _get_client() -> anthropic.AsyncAnthropic:
    global _client
    if _client is None:
        _client = anthropic.AsyncAnthropic(api_key=os.environ["VENUE_CLAUDE_KEY"])  # expect-not: retries-disabled, hardcoded-api-key
    return _client


async def ask_venue_desk(messages: list[dict]) -> str:
    client = _get_client()
    try:
        reply = await client.messages.create(  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
            model=os.environ.get("VENUE_MODEL", "claude-sonnet-4-20250514"),
            max_tokens=int(os.environ.get("VENUE_MAX_TOKENS", "2000")),
            system=SYSTEM_PROMPT,
            messages=messages,
            timeout=90.0,
        )
        return reply.content[0].text
    except anthropic.APITimeoutError:
        raise HTTPException(status_code=504, detail="The assistant took too long. Please try again.")
    except anthropic.RateLimitError:  # expect-not: string-matched-error, naive-retry
        raise HTTPException(status_code=429, detail="Too many requests to the assistant. Please wait a moment.")
    except anthropic.AuthenticationError:
        raise HTTPException(status_code=401, detail="The assistant's key was refused.")
    except anthropic.APIError as exc:
        raise HTTPException(status_code=502, detail=f"Assistant error: {exc}")
