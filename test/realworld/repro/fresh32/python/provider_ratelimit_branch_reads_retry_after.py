# realworld repro (negative): naive-retry -- a framework's Claude provider retries inside an attempt loop: its
# RateLimitError branch waits the retry-after header (capped by a setting) and falls back to exponential only when
# the header is missing, other API and connection errors back off exponentially, timeouts and bad requests are
# raised; the streaming method re-raises a rate limit with the header's value; the docstring shows a placeholder key
# source: Mathews-Tom/AgentCore src/agentcore/a2a_protocol/services/llm_client_anthropic.py:198
# source: Mathews-Tom/AgentCore src/agentcore/a2a_protocol/services/llm_client_anthropic.py:215
# source: Mathews-Tom/AgentCore src/agentcore/a2a_protocol/services/llm_client_anthropic.py:354
# source: Mathews-Tom/AgentCore src/agentcore/a2a_protocol/services/llm_client_anthropic.py:30
"""Claude provider for the message bus.

Usage:
    provider = ClaudeProvider(api_key="sk-ant-...")  # expect-not: hardcoded-api-key
"""

import asyncio

from anthropic import APIConnectionError, APIError, APITimeoutError, AsyncAnthropic, BadRequestError, RateLimitError

MAX_WAIT = 60.0


class ProviderFailure(Exception):
    pass


class ClaudeProvider:
    def __init__(self, api_key: str, attempts: int = 3):
        self.client = AsyncAnthropic(api_key=api_key, timeout=60.0)  # expect-not: retries-disabled
        self.attempts = attempts

    async def answer(self, model: str, system: str | None, turns: list[dict]) -> str:
        for n in range(self.attempts):  # expect-not: naive-retry
            try:
                params: dict = {"model": model, "messages": turns, "max_tokens": 4096}
                if system:
                    params["system"] = system
                reply = await self.client.messages.create(**params)  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, string-matched-error, unbounded-fanout
                return reply.content[0].text
            except APITimeoutError as exc:
                raise ProviderFailure("timed out") from exc
            except BadRequestError as exc:
                raise ProviderFailure(str(exc)) from exc
            except RateLimitError as exc:
                wait = None
                header = exc.response.headers.get("retry-after") if exc.response is not None else None
                if header:
                    try:
                        wait = float(header)
                    except ValueError:
                        wait = None
                delay = min(wait, MAX_WAIT) if wait is not None else min(2.0**n, MAX_WAIT)
                if n < self.attempts - 1:
                    await asyncio.sleep(delay)
                    continue
                raise ProviderFailure("rate limited") from exc
            except (APIConnectionError, APIError) as exc:
                if n < self.attempts - 1:
                    await asyncio.sleep(min(2.0**n, MAX_WAIT))
                    continue
                raise ProviderFailure(str(exc)) from exc
        raise ProviderFailure("no attempts")

    async def answer_stream(self, model: str, turns: list[dict]):
        try:
            events = await self.client.messages.create(model=model, messages=turns, max_tokens=4096, stream=True)  # expect-not: naive-retry, missing-max-tokens, nonstreaming-max-tokens, batchable-fanout
            async for event in events:
                if event.type == "content_block_delta" and hasattr(event.delta, "text"):
                    yield event.delta.text
        except RateLimitError as exc:
            header = exc.response.headers.get("retry-after") if exc.response is not None else None
            raise ProviderFailure(f"rate limited, retry after {header}") from exc
