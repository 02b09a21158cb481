# realworld repro (positive + negative): string-matched-error -- a provider class of an app's LLM framework maps
# every SDK error by its text: in the except around messages.create (and again around messages.stream) the lowered
# str(e) is tested for "rate limit" / "quota" to re-raise the app's own RateLimitError; look-alikes: the key probe's
# handler tests authentication wording only, nothing loops, the probe is a constant one-token request, params are
# built in a dict, and the client keeps default retries with the key from config
# source: jason-jj-li/AI_quali src/llm/claude.py:159
# source: jason-jj-li/AI_quali src/llm/claude.py:249
# source: jason-jj-li/AI_quali src/llm/claude.py:75
# source: jason-jj-li/AI_quali src/llm/claude.py:128
# source: jason-jj-li/AI_quali src/llm/claude.py:67
# source: jason-jj-li/AI_quali src/llm/claude.py:57
from .base import AuthProblem, Provider, QuotaProblem, Reply


class AnthropicProvider(Provider):
    def __init__(self, settings):
        super().__init__(settings)
        from anthropic import Anthropic
        self._api = Anthropic(api_key=settings.api_key)  # expect-not: retries-disabled, hardcoded-api-key

    def key_works(self) -> bool:
        try:
            self._api.messages.create(  # expect-not: model-routing, missing-max-tokens
                model=self.settings.model,
                max_tokens=1,
                messages=[{"role": "user", "content": "ping"}],
            )
            return True
        except Exception as e:
            text = str(e).lower()
            if "api key" in text or "unauthorized" in text:  # expect-not: string-matched-error
                return False
            return True

    def complete(self, prompt, system=None, max_tokens=None):
        params = {
            "model": self.settings.model,
            "max_tokens": max_tokens or self.settings.max_tokens,
            "messages": [{"role": "user", "content": prompt}],
        }
        if system:
            params["system"] = system
        try:
            res = self._api.messages.create(**params)  # expect-not: naive-retry, missing-max-tokens, nonstreaming-max-tokens, batchable-fanout, uncached-prompt
            return Reply(text=res.content[0].text, model=self.settings.model)
        except Exception as e:
            text = str(e).lower()
            if "api key" in text or "unauthorized" in text:
                raise AuthProblem(str(e))
            elif "rate limit" in text or "quota" in text:  # expect: string-matched-error
                raise QuotaProblem(str(e))
            raise

    def complete_stream(self, prompt, max_tokens=None):
        params = {
            "model": self.settings.model,
            "max_tokens": max_tokens or self.settings.max_tokens,
            "messages": [{"role": "user", "content": prompt}],
        }
        try:
            with self._api.messages.stream(**params) as stream:
                for piece in stream.text_stream:
                    yield piece
        except Exception as e:
            text = str(e).lower()
            if "rate limit" in text or "quota" in text:  # expect: string-matched-error
                raise QuotaProblem(str(e))
            raise
