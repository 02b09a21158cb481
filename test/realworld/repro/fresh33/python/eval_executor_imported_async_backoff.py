# realworld repro (positive + negative): naive-retry -- an evaluation executor builds an AsyncAnthropic lazily (SDK
# retries kept) and awaits its create through backoff_call imported from a sibling module, which retries rate
# limits with its own doubling wait and never reads retry-after; the same wrapper around an OpenAI call is another
# provider
# source: GOATnote-Inc/safeshift src/safeshift/executors/api.py:133
# source: GOATnote-Inc/safeshift src/safeshift/executors/api.py:84
import os

from eval_executor_retry import backoff_call


class CloudExecutor:
    def __init__(self, provider: str = "anthropic"):
        self.provider = provider
        self._client = None

    def _anthropic(self):
        if self._client is None:
            import anthropic

            self._client = anthropic.AsyncAnthropic(api_key=os.environ.get("ANTHROPIC_API_KEY"))  # expect-not: retries-disabled
        return self._client

    def _openai(self):
        if self._client is None:
            import openai

            self._client = openai.AsyncOpenAI(api_key=os.environ.get("OPENAI_API_KEY"))
        return self._client

    async def run_openai(self, prompt: str, model: str, limit: int) -> str:
        client = self._openai()
        reply = await backoff_call(  # expect-not: naive-retry
            lambda: client.chat.completions.create(
                model=model,
                messages=[{"role": "user", "content": prompt}],
                max_completion_tokens=limit,
            )
        )
        return reply.choices[0].message.content or ""

    async def run_anthropic(self, turns: list[dict], model: str, limit: int = 4096) -> str:
        client = self._anthropic()
        system = None
        chat = []
        for turn in turns:
            if turn["role"] == "system":
                system = turn["content"]
            else:
                chat.append(turn)
        params = {"model": model, "messages": chat, "max_tokens": limit}
        if system:
            params["system"] = system
        reply = await backoff_call(lambda: client.messages.create(**params))  # expect: naive-retry; expect-not: missing-max-tokens, batchable-fanout, unbounded-fanout
        return reply.content[0].text
