# realworld repro (positive + negative): naive-retry -- a transcript clean-up service sends every request through a
# module-level helper under a tenacity decorator that retries RateLimitError three times with exponential 4-60 s
# waits (never retry-after), on a client built per call with the SDK's default retries; look-alikes: Haiku default,
# a short constant system prompt, 8,192 tokens (the source's capped chunk pool is left out: its batchable-fanout
# site is labelled ignore)
# source: kentopia01/youtube-transcriber app/services/transcript_cleanup.py:24
# source: kentopia01/youtube-transcriber app/services/transcript_cleanup.py:31
# source: kentopia01/youtube-transcriber app/services/transcript_cleanup.py:112
import anthropic
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential

TIDY_RULES = """Tidy this spoken transcript. Drop filler words, fix punctuation, keep
speaker tags such as [S1] untouched, never add or reword content, reply with the text only."""


@retry(  # expect: naive-retry
    retry=retry_if_exception_type(anthropic.RateLimitError),
    wait=wait_exponential(multiplier=1, min=4, max=60),
    stop=stop_after_attempt(3),
    reraise=True,
)
def _send(client: anthropic.Anthropic, **kwargs):
    return client.messages.create(**kwargs)  # expect-not: string-matched-error, missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt


def tidy(text: str, key: str, model: str = "claude-haiku-4-5") -> str:
    client = anthropic.Anthropic(api_key=key)  # expect-not: retries-disabled, hardcoded-api-key
    reply = _send(
        client,
        model=model,
        max_tokens=8192,
        system=TIDY_RULES,
        messages=[{"role": "user", "content": text}],
    )
    return reply.content[0].text

