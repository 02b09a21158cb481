# realworld repro (positive + negative): naive-retry, missing-max-tokens -- a chat bot helper ported from another
# provider keeps a tenacity decorator that retries RateLimitError on a fixed 20 s wait, three attempts, never reading
# retry-after, around a method whose own handler re-raises the rate limit (client keeps the SDK's retries); a
# follow-up create after a plugin call and a history summary create send no max_tokens; look-alikes: the same
# decorator on a stub method whose call was commented out, and a recursion after a plugin call
# source: 3lswear/chatgpt-telegram-bot bot/anthropic_helper.py:180
# source: 3lswear/chatgpt-telegram-bot bot/anthropic_helper.py:294
# source: 3lswear/chatgpt-telegram-bot bot/anthropic_helper.py:514
# source: 3lswear/chatgpt-telegram-bot bot/anthropic_helper.py:368
# source: 3lswear/chatgpt-telegram-bot bot/anthropic_helper.py:298
# source: 3lswear/chatgpt-telegram-bot bot/anthropic_helper.py:238
import logging

import anthropic
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_fixed


class PenPalHelper:
    def __init__(self, settings: dict, plugins):
        self.client = anthropic.AsyncAnthropic(api_key=settings["claude_key"])  # expect-not: retries-disabled, hardcoded-api-key
        self.settings = settings
        self.plugins = plugins
        self.threads: dict[int, list] = {}

    @retry(  # expect: naive-retry
        reraise=True,
        retry=retry_if_exception_type(anthropic.RateLimitError),
        wait=wait_fixed(20),
        stop=stop_after_attempt(3),
    )
    async def _ask(self, thread_id: int, text: str):
        try:
            history = self.threads.setdefault(thread_id, [])
            history.append({"role": "user", "content": text})
            if len(history) > self.settings["history_limit"]:
                digest = await self._digest(history[:-1])
                self.threads[thread_id] = [{"role": "assistant", "content": digest}, history[-1]]
            args = {
                "model": self.settings["model"],
                "messages": self.threads[thread_id],
                "system": self.settings["persona"],
                "max_tokens": self.settings["max_tokens"],
            }
            return await self.client.messages.create(**args)  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
        except anthropic.RateLimitError as err:
            raise err
        except Exception as err:  # expect-not: string-matched-error
            raise RuntimeError(f"Something went wrong: {err}") from err

    async def _after_plugin(self, thread_id: int, reply, rounds: int = 0):
        name = getattr(reply, "plugin_name", "")
        if not name:
            return reply
        outcome = await self.plugins.run(name, reply)
        self.threads[thread_id].append({"role": "user", "content": str(outcome)})
        reply = await self.client.messages.create(  # expect: missing-max-tokens
            model=self.settings["model"],
            messages=self.threads[thread_id],
        )
        return await self._after_plugin(thread_id, reply, rounds + 1)  # expect-not: naive-retry

    @retry(  # expect-not: naive-retry
        reraise=True,
        retry=retry_if_exception_type(anthropic.RateLimitError),
        wait=wait_fixed(20),
        stop=stop_after_attempt(3),
    )
    async def _ask_with_picture(self, thread_id: int, picture: bytes):
        logging.warning("pictures are not supported with model %s", self.settings["model"])

    async def _digest(self, history: list) -> str:
        reply = await self.client.messages.create(  # expect: missing-max-tokens
            model=self.settings["model"],
            messages=[{"role": "user", "content": "Sum up this chat in a few lines:\n" + str(history)}],
            temperature=0.3,
        )
        return reply.content[0].text
