# realworld repro (positive): naive-retry -- a shared async chat wrapper sends each request (built in a local
# closure) through call_with_retry imported from a sibling module, which retries 429 and 5xx three times after 0.5 s
# and 1 s without reading retry-after, on a client that keeps the SDK's retries; OpenAI is the fallback after that
# source: karlamatstar/voc_upgrade llm_wrappers/anthropic_chat.py:55
# source: karlamatstar/voc_upgrade llm_wrappers/anthropic_chat.py:50
# source: karlamatstar/voc_upgrade llm_wrappers/anthropic_chat.py:36
import os

from anthropic import AsyncAnthropic

from voc_chat_status_retry_retry import RetryExhausted, call_with_retry


class ReviewChat:
    def __init__(self, model: str | None = None, attempts: int | None = None):
        self.model = model or os.environ.get("REVIEW_MODEL", "claude-sonnet-4-5")
        self.attempts = attempts or int(os.environ.get("REVIEW_MAX_ATTEMPTS", "3"))
        self.client = AsyncAnthropic(api_key=os.environ.get("ANTHROPIC_API_KEY"))  # expect-not: retries-disabled, hardcoded-api-key

    async def __call__(self, prompt: str, max_tokens: int = 1024) -> str:
        async def send():
            options = {
                "model": self.model,
                "max_tokens": max_tokens,
                "messages": [{"role": "user", "content": prompt}],
            }
            return await self.client.messages.create(  # expect-not: missing-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
                **options,
            )

        try:
            reply, _tries = await call_with_retry(  # expect: naive-retry
                "anthropic", send, max_attempts=self.attempts
            )
        except RetryExhausted:
            if not os.environ.get("OPENAI_API_KEY"):
                raise
            return await self._openai_fallback(prompt)
        return "\n".join(getattr(block, "text", "") for block in reply.content if getattr(block, "text", None))

    async def _openai_fallback(self, prompt: str) -> str:
        from openai import AsyncOpenAI

        answer = await AsyncOpenAI().chat.completions.create(
            model="gpt-4.1-mini", messages=[{"role": "user", "content": prompt}]
        )
        return answer.choices[0].message.content or ""
