# realworld repro (negative): naive-retry, string-matched-error -- a compatibility helper sends a caller's kwargs and,
# only when an older model answers with a 400 whose text names both temperature and top_p, sends the same request once
# more without top_p; every other error, rate limits included, is re-raised; the same-file predicate reads the status
# first and falls back to a 400 pattern in the text
# source: zdh2292390/Copyright-Detective src/anthropic_utils.py:114
# source: zdh2292390/Copyright-Detective src/anthropic_utils.py:105
import re
from typing import Any

OLDER = ("claude-sonnet-4-5", "claude-haiku-4-5", "claude-opus-4-5")


def _older(model: str) -> bool:
    return any(model == m or model.startswith(m + "-") for m in OLDER)


def _both_controls_rejected(err: Exception) -> bool:
    words = str(err).lower()
    status = getattr(err, "status_code", None)
    if status is not None and status != 400:
        return False
    if status is None and not re.search(r"\b400\b", words):
        return False
    return "temperature" in words and "top_p" in words


def send(client: Any, kwargs: dict) -> Any:
    request = dict(kwargs)
    try:
        return client.messages.create(**request)  # expect-not: missing-max-tokens, batchable-fanout
    except Exception as err:
        if not _older(str(request.get("model", ""))) or "top_p" not in request or not _both_controls_rejected(err):  # expect-not: string-matched-error
            raise
        request.pop("top_p", None)
        return client.messages.create(**request)  # expect-not: naive-retry, missing-max-tokens
