# realworld repro (positive + negative): string-matched-error -- a settings page checks the key with one tiny create
# (max_tokens=8) in a catch-all, and a same-file helper turns the caught error into a UI message by testing the
# lower-cased class name for "rate" or the message for "429" instead of RateLimitError / status_code; another helper
# marks the constant criteria system block with cache_control for the screeners
# source: srknthbala/ai-systematic-review-screening-assistant app/services/anthropic_client.py:67
# source: srknthbala/ai-systematic-review-screening-assistant app/services/anthropic_client.py:49
# source: srknthbala/ai-systematic-review-screening-assistant app/services/anthropic_client.py:21
import os


class MissingKey(Exception):
    pass


def make_client():
    key = os.environ.get("SCREENER_KEY", "")
    if not key:
        raise MissingKey("Add an Anthropic key in Settings.")
    import anthropic

    return anthropic.Anthropic(api_key=key)  # expect-not: retries-disabled, hardcoded-api-key


def criteria_blocks(rules: str, criteria: str) -> list:
    return [
        {"type": "text", "text": rules},
        {"type": "text", "text": criteria, "cache_control": {"type": "ephemeral"}},
    ]


def check_key(model: str = "claude-haiku-4-5") -> tuple:
    try:
        client = make_client()
    except MissingKey as exc:
        return False, str(exc)
    try:
        reply = client.messages.create(  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout, naive-retry
            model=model,
            max_tokens=8,
            messages=[{"role": "user", "content": "Answer with the word: ready"}],
        )
        said = "".join(getattr(part, "text", "") for part in reply.content).strip()
        return True, f"{model} answered '{said}'."
    except Exception as exc:
        return False, friendly(exc)


def friendly(exc: Exception) -> str:
    kind = type(exc).__name__
    text = str(exc)
    if "authentication" in kind.lower() or "401" in text:
        return "The key was refused."
    if "rate" in kind.lower() or "429" in text:  # expect: string-matched-error
        return "Too many requests right now; try again in a minute."
    return f"{kind}: {text}"
