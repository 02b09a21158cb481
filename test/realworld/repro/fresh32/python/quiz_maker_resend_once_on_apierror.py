# realworld repro (positive + negative): naive-retry -- a quiz endpoint calls a same-file helper whose create
# writes questions from a lecture transcript; when the helper raises any APIError (rate limits included) or a
# parse error, the handler logs it and sends the same request again at once: no wait, no retry-after, on a lazily
# built client that keeps the SDK's retries; look-alikes: max_tokens 4,096 on Sonnet 4.5, one request per upload,
# the instruction rebuilt into the user turn, text tests only on a successful reply
# source: HongikTheLegend/quizai-BE app/services/claude_service.py:68
# source: HongikTheLegend/quizai-BE app/services/claude_service.py:49
# source: HongikTheLegend/quizai-BE app/services/claude_service.py:17
import json
import logging
import os

from anthropic import APIError

log = logging.getLogger(__name__)

_client = None


def _client_once():
    global _client
    if _client is None:
        import anthropic

        _client = anthropic.Anthropic(api_key=os.getenv("ANTHROPIC_API_KEY"))  # expect-not: retries-disabled, hardcoded-api-key
    return _client


def _instruction(notes: str, n: int) -> str:
    return (
        f"Write {n} multiple-choice questions with four options each about these lecture notes. "
        'Reply with a JSON array of {"q": ..., "choices": [...], "right": index, "why": ...} only.\n\n'
        f"Notes:\n{notes}"
    )


def _items(reply: str) -> list:
    body = reply.strip()
    if "```" in body:
        body = body[body.find("[") : body.rfind("]") + 1]
    return json.loads(body)


def _ask(notes: str, n: int) -> list:
    out = _client_once().messages.create(  # expect-not: string-matched-error, missing-max-tokens, nonstreaming-max-tokens, model-routing, batchable-fanout, uncached-prompt, unbounded-fanout
        model="claude-sonnet-4-5",
        max_tokens=4096,
        messages=[{"role": "user", "content": _instruction(notes, n)}],
    )
    return _items(out.content[0].text)


async def make_quiz(notes: str, n: int = 5) -> list:
    try:
        return _ask(notes, n)
    except (APIError, ValueError) as err:
        log.warning("first try failed, asking again: %s", err)
        return _ask(notes, n)  # expect: naive-retry
