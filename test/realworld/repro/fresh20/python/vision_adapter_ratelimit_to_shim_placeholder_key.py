# realworld repro (negative): naive-retry, string-matched-error, hardcoded-api-key, retries-disabled -- a vision
# provider adapter sends one image request per call and, on failure, hands the error to a same-file translator that
# raises the project's own rate-limit shim for RateLimitError and connection errors and a server shim for 5xx (by
# isinstance and status range; the retry loop lives in the caller's module); the client takes the key from the
# environment with a literal placeholder when it is unset, and keeps the SDK's retries
# source: RGMjr/filings_reviewer src/llm/providers/anthropic.py:131
# source: RGMjr/filings_reviewer src/llm/providers/anthropic.py:176
# source: RGMjr/filings_reviewer src/llm/providers/anthropic.py:71
import base64
import logging
import os

from .shims import ThrottledError, UpstreamError

log = logging.getLogger(__name__)


class ClaudeImageReader:
    def __init__(self, model="claude-sonnet-4-6"):
        self.model = model
        key = os.environ.get("ANTHROPIC_API_KEY", "")
        if not key:
            log.warning("ANTHROPIC_API_KEY is unset; requests will fail")
        import anthropic

        self._api = anthropic.Anthropic(api_key=key or "UNSET")  # expect-not: retries-disabled, hardcoded-api-key

    def read(self, image, media_type, instruction, cap=2000):
        blocks = [
            {"type": "image", "source": {"type": "base64", "media_type": media_type, "data": base64.b64encode(image).decode()}},
            {"type": "text", "text": instruction},
        ]
        try:
            reply = self._api.messages.create(  # expect-not: naive-retry, batchable-fanout, missing-max-tokens, nonstreaming-max-tokens, model-routing
                model=self.model,
                max_tokens=cap,
                messages=[{"role": "user", "content": blocks}],
            )
        except Exception as exc:
            _reraise_as_shim(exc)
            raise
        return reply.content[0].text if reply.content else ""


def _reraise_as_shim(exc):
    import anthropic

    if isinstance(exc, anthropic.RateLimitError):  # expect-not: string-matched-error
        raise ThrottledError(str(exc)) from exc
    if isinstance(exc, anthropic.APIConnectionError):
        raise ThrottledError(str(exc)) from exc
    if isinstance(exc, anthropic.APIStatusError) and exc.status_code and 500 <= exc.status_code < 600:
        raise UpstreamError(str(exc)) from exc
