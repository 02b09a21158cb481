# realworld repro (positive + negative): naive-retry, string-matched-error -- a shared wrapper class builds a client
# with max_retries=5 and a timeout, then its method's attempt loop around create catches APIError, lowers the
# error text and, when it looks like an overload or (by '429' or a bare 'rate') a rate limit, sleeps a doubling wait
# plus a fractional-second jitter and tries again; retry-after is never read and other errors are re-raised
# source: billtontzjr/medical-chronology-pipeline-recursive src/anthropic_client.py:107
# source: billtontzjr/medical-chronology-pipeline-recursive src/anthropic_client.py:136
# source: billtontzjr/medical-chronology-pipeline-recursive src/anthropic_client.py:133
# source: billtontzjr/medical-chronology-pipeline-recursive src/anthropic_client.py:74
import logging
import os
import time

from anthropic import Anthropic, APIError, APIStatusError

FALLBACK_MODEL = "claude-opus-4-6"


class NotesClient:
    def __init__(self, key=None, model=None, read_timeout=240.0):
        key = key or os.environ.get("ANTHROPIC_API_KEY", "")
        self.model = model or os.environ.get("NOTES_MODEL") or FALLBACK_MODEL
        self._api = Anthropic(
            api_key=key,
            timeout=read_timeout,
            max_retries=5,  # expect-not: retries-disabled
        )
        self._log = logging.getLogger(__name__)

    def ask(self, prompt, *, model=None, max_tokens=6000, attempts=4, base=1.5, system=None):
        use = model or self.model
        for n in range(attempts):  # expect: naive-retry
            try:
                params = dict(model=use, max_tokens=max_tokens, messages=[{"role": "user", "content": prompt}])
                if system is not None:
                    params["system"] = system
                reply = self._api.messages.create(**params)  # expect-not: nonstreaming-max-tokens, missing-max-tokens, model-routing, uncached-prompt, batchable-fanout
                return "\n".join(b.text for b in reply.content if getattr(b, "type", None) == "text").strip()
            except (APIError, APIStatusError) as err:
                text = str(err).lower()
                busy = "overload" in text or ("500" in text and "api_error" in text)  # expect-not: string-matched-error
                limited = "429" in text or "rate" in text  # expect: string-matched-error
                if not (busy or limited):
                    raise
                if n >= attempts - 1:
                    raise RuntimeError(f"gave up after {attempts} tries: {err}") from err
                pause = base * (2**n) + (time.time() % 1)
                self._log.warning("try %d failed, sleeping %.1fs", n + 1, pause)
                time.sleep(pause)
        raise RuntimeError("gave up")
