# realworld repro (positive + negative): naive-retry + string-matched-error -- a tenacity decorator on a provider's
# translate method retries any exception five times with exponential 10-180 s waits (never retry-after, on a client
# that keeps the SDK's retries); inside, a 429 status sleeps a computed pause and raises the provider's own rate-limit
# error, and an error without a status is decided a rate limit by its text; look-alikes: the numeric 429 test, a
# one-off re-send after an encoding error, a 10-token key check
# source: GentaGame/PDFTranslate2md src/providers/anthropic_provider.py:95
# source: GentaGame/PDFTranslate2md src/providers/anthropic_provider.py:200
# source: GentaGame/PDFTranslate2md src/providers/anthropic_provider.py:183
# source: GentaGame/PDFTranslate2md src/providers/anthropic_provider.py:162
# source: GentaGame/PDFTranslate2md src/providers/anthropic_provider.py:223
# source: GentaGame/PDFTranslate2md src/providers/anthropic_provider.py:60
import time
import unicodedata

from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential


class ProviderRateLimited(Exception):
    pass


class ProviderFailed(Exception):
    pass


class SubtitleTranslator:
    def __init__(self, api_key: str, model: str, timeout: int = 300):
        self.api_key = api_key
        self.model = model
        self.timeout = timeout
        self.client = None
        self.options = {"max_tokens": 8000, "temperature": 0.0}
        self.pause_round = 1

    def _client(self):
        if self.client is None:
            import anthropic

            self.client = anthropic.Anthropic(api_key=self.api_key, timeout=self.timeout)  # expect-not: retries-disabled
        return self.client

    @retry(  # expect: naive-retry
        stop=stop_after_attempt(5),
        wait=wait_exponential(multiplier=3, min=10, max=180),
        retry=retry_if_exception_type((ConnectionError, ProviderFailed, Exception)),
        reraise=True,
    )
    def translate(self, prompt: str) -> str:
        client = self._client()
        try:
            reply = client.messages.create(
                model=self.model,
                max_tokens=self.options["max_tokens"],
                temperature=self.options["temperature"],
                messages=[{"role": "user", "content": prompt}],
            )
            return reply.content[0].text
        except UnicodeEncodeError:
            cleaned = unicodedata.normalize("NFKC", prompt).encode("ascii", "ignore").decode()
            reply = client.messages.create(  # expect-not: naive-retry
                model=self.model,
                max_tokens=self.options["max_tokens"],
                temperature=self.options["temperature"],
                messages=[{"role": "user", "content": cleaned}],
            )
            return reply.content[0].text
        except Exception as exc:
            text = str(exc)
            if hasattr(exc, "status_code"):
                if exc.status_code == 429:  # expect-not: string-matched-error
                    pause = 60 + self.pause_round * self.pause_round * 10
                    time.sleep(pause)
                    raise ProviderRateLimited(text)
                raise ProviderFailed(text)
            elif "rate limit" in text.lower() or "429" in text:  # expect: string-matched-error
                pause = 60 + self.pause_round * self.pause_round * 10
                time.sleep(pause)
                raise ProviderRateLimited(text)
            raise ProviderFailed(text)

    def key_works(self) -> bool:
        try:
            reply = self._client().messages.create(  # expect-not: model-routing, missing-max-tokens
                model=self.model,
                max_tokens=10,
                messages=[{"role": "user", "content": "ping"}],
            )
            return reply is not None
        except Exception:
            return False
