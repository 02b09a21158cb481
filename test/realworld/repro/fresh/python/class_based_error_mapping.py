# realworld repro (negative): string-matched-error and retries-disabled -- provider adapters that map the
# SDK's error classes (isinstance / except RateLimitError) to the app's own error, and clients built with a
# retry count taken from settings (default 2) or a literal 3
# source: Q00/ouroboros src/ouroboros/providers/anthropic_adapter.py:503
# source: Q00/ouroboros src/ouroboros/providers/anthropic_adapter.py:220
# source: superluminal-jp/llm-as-a-judge src/providers/anthropic.py:45
# source: superluminal-jp/llm-as-a-judge src/providers/anthropic.py:113
import anthropic


class ProviderFailure(Exception):
    def __init__(self, text, status=None):
        super().__init__(text)
        self.status = status


class AsyncAdapter:
    def __init__(self, key, timeout=120.0, retries=2):
        self._client = anthropic.AsyncAnthropic(
            api_key=key,
            timeout=timeout,
            max_retries=retries,  # expect-not: retries-disabled
        )

    async def complete(self, prompt, model):
        try:
            reply = await self._client.messages.create(
                model=model, max_tokens=1024, messages=[{"role": "user", "content": prompt}]
            )
            return reply.content[0].text
        except Exception as err:
            return self._translate(err)

    def _translate(self, err):
        if isinstance(err, anthropic.AuthenticationError):
            return ProviderFailure("check the key", 401)
        if isinstance(err, anthropic.RateLimitError):  # expect-not: string-matched-error
            return ProviderFailure("slow down", 429)
        return ProviderFailure(str(err))


class JudgeProvider:
    def __init__(self, key):
        self._client = anthropic.Anthropic(
            api_key=key,
            max_retries=3,  # expect-not: retries-disabled
        )

    def complete(self, messages, model, seconds):
        try:
            reply = self._client.messages.create(model=model, max_tokens=4096, messages=messages, timeout=seconds)
            return reply.content[0].text
        except anthropic.RateLimitError as err:  # expect-not: string-matched-error
            raise ProviderFailure("Rate limit exceeded; try again later.") from err
        except anthropic.APIError as err:
            raise ProviderFailure(f"API error: {err}") from err
