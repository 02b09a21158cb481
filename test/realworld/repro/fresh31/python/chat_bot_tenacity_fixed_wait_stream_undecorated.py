# realworld repro (positive + negative): naive-retry -- a chat bot helper puts a tenacity decorator (RateLimitError,
# fixed 20 s wait, three attempts, retry-after never read) on its non-streaming chat method and on its non-streaming
# picture method, both re-raising the rate limit from their own handlers (client keeps the SDK's retries);
# look-alikes: the streaming method has no decorator and re-raises to its caller, a tool round recurses after tool
# results, and a history summary sends 1,024 tokens
# source: gilcu3/chatgpt-telegram-bot bot/claude_helper.py:353
# source: gilcu3/chatgpt-telegram-bot bot/claude_helper.py:515
# source: gilcu3/chatgpt-telegram-bot bot/claude_helper.py:386
# source: gilcu3/chatgpt-telegram-bot bot/claude_helper.py:465
# source: gilcu3/chatgpt-telegram-bot bot/claude_helper.py:655
import anthropic
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_fixed


class StudyBuddy:
    def __init__(self, settings: dict, toolbox):
        self.client = anthropic.AsyncAnthropic(api_key=settings["claude_key"])  # expect-not: retries-disabled, hardcoded-api-key
        self.settings = settings
        self.toolbox = toolbox
        self.notes: dict[int, list] = {}

    def _args(self, room: int, content) -> dict:
        history = self.notes.setdefault(room, [])
        history.append({"role": "user", "content": content})
        return {
            "model": self.settings["model"],
            "messages": history,
            "system": self.settings["persona"],
            "max_tokens": self.settings["max_tokens"],
        }

    @retry(  # expect: naive-retry
        reraise=True,
        retry=retry_if_exception_type(anthropic.RateLimitError),
        wait=wait_fixed(20),
        stop=stop_after_attempt(3),
    )
    async def _answer(self, room: int, text: str):
        try:
            return await self.client.messages.create(**self._args(room, text))  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout
        except anthropic.RateLimitError as err:
            raise err
        except Exception as err:
            raise RuntimeError(f"Request failed: {err}") from err

    async def _answer_stream(self, room: int, text: str):
        try:
            async with self.client.messages.stream(**self._args(room, text)) as events:  # expect-not: naive-retry
                async for event in events:
                    yield event
        except anthropic.RateLimitError as err:
            raise err

    @retry(  # expect: naive-retry
        reraise=True,
        retry=retry_if_exception_type(anthropic.RateLimitError),
        wait=wait_fixed(20),
        stop=stop_after_attempt(3),
    )
    async def _answer_picture(self, room: int, blocks: list):
        try:
            return await self.client.messages.create(**self._args(room, blocks))
        except anthropic.RateLimitError as err:
            raise err

    async def _tool_round(self, room: int, reply, rounds: int = 0):
        uses = [block for block in reply.content if block.type == "tool_use"]
        if not uses or rounds >= self.settings["max_rounds"]:
            return reply
        results = [
            {"type": "tool_result", "tool_use_id": use.id, "content": await self.toolbox.run(use.name, use.input)}
            for use in uses
        ]
        self.notes[room].append({"role": "assistant", "content": reply.content})
        self.notes[room].append({"role": "user", "content": results})
        args = {
            "model": self.settings["model"],
            "messages": self.notes[room],
            "max_tokens": self.settings["max_tokens"],
            "tools": self.toolbox.specs(),
        }
        reply = await self.client.messages.create(**args)  # expect-not: missing-max-tokens, uncached-prompt
        return await self._tool_round(room, reply, rounds + 1)  # expect-not: naive-retry

    async def _summary(self, history: list) -> str:
        reply = await self.client.messages.create(  # expect-not: missing-max-tokens, model-routing
            model=self.settings["model"],
            messages=[{"role": "user", "content": "Summarise briefly:\n" + str(history)}],
            system="You write short summaries.",
            max_tokens=1024,
        )
        return reply.content[0].text
