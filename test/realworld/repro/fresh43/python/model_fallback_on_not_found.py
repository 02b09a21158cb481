# realworld repro (negative): naive-retry -- a shared helper tries the caller's model and then a list of fallback
# model names, re-sending the request only when the SDK raises NotFoundError (an unknown model id); any other error,
# a rate limit included, leaves the loop on the first try, so this is a model fallback, not an error retry
# source: mothejeweler/Personal-Assistant anthropic_utils.py:47
# source: mothejeweler/Personal-Assistant anthropic_utils.py:51
# source: mothejeweler/Personal-Assistant anthropic_utils.py:52
import logging
import os
from typing import Any

from anthropic import NotFoundError

log = logging.getLogger(__name__)

FALLBACKS = ("claude-3-5-haiku-latest", "claude-3-7-sonnet-latest")


def preferred_model() -> str:
    return os.getenv("STUDIO_MODEL", "").strip() or FALLBACKS[0]


def send_with_model_fallback(client: Any, **params: Any) -> Any:
    first = params.pop("model", None) or preferred_model()
    names = [first] + [name for name in FALLBACKS if name != first]
    missing: Exception | None = None
    for position, name in enumerate(names):  # expect-not: naive-retry
        try:
            if position:
                log.warning("trying fallback model %s", name)
            return client.messages.create(model=name, **params)  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, retries-disabled
        except NotFoundError as exc:  # expect-not: string-matched-error
            missing = exc
            log.warning("model %s not available", name)
    if missing is not None:
        raise missing
    raise RuntimeError("no model configured")
