# realworld repro: string-matched-error (positive) -- a provider adapter that, after catching RateLimitError,
# also maps any exception whose text mentions "rate limit" or "429" to the gateway's retryable error;
# nonstreaming-max-tokens look-alike -- max_tokens from settings defaulting to 16000 on a client with a timeout
# source: NullRabbitLabs/llm-gateway providers/anthropic_provider.py:132
# source: NullRabbitLabs/llm-gateway providers/anthropic_provider.py:127
import anthropic


class Throttled(Exception):
    pass


class ClaudeAdapter:
    def __init__(self, key, settings=None):
        settings = settings or {}
        self.budget = settings.get("max_tokens", 16000)
        self.client = anthropic.Anthropic(api_key=key, timeout=settings.get("timeout", 300))

    def complete(self, prompt, model="claude-sonnet-4-5"):
        try:
            reply = self.client.messages.create(  # expect-not: nonstreaming-max-tokens
                model=model,
                max_tokens=self.budget,
                messages=[{"role": "user", "content": prompt}],
            )
        except anthropic.RateLimitError as err:
            raise Throttled(str(err)) from err
        except Exception as err:
            said = str(err).lower()
            if "rate limit" in said or "429" in said:  # expect: string-matched-error
                raise Throttled(str(err)) from err
            raise
        return "".join(b.text for b in reply.content if b.type == "text")

