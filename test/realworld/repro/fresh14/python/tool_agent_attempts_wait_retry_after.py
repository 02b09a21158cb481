# realworld repro (negative): naive-retry, string-matched-error and uncached-prompt look-alikes -- a tool-use agent's
# turn is sent inside a three-attempt loop that sleeps the retry-after header's seconds when the 429 response carries
# one (30 s times the attempt otherwise) and re-raises on the last attempt; the rate limit is caught by class, and the
# system block already carries cache_control
# source: aarush-modi/Autonomous-Investment-Committee src/core/agent.py:29
# source: aarush-modi/Autonomous-Investment-Committee src/core/agent.py:36
# source: aarush-modi/Autonomous-Investment-Committee src/core/agent.py:31
# source: aarush-modi/Autonomous-Investment-Committee src/core/agent.py:14
import time

from anthropic import Anthropic, RateLimitError


class Worker:
    def __init__(self, name, system_prompt, model, tools, max_tokens):
        self.name = name
        self.model = model
        self.max_tokens = max_tokens
        self.api = Anthropic()  # expect-not: retries-disabled
        self.tools = {t.name: t for t in tools}
        self.schemas = [t.schema for t in tools]
        self.system = [{"type": "text", "text": system_prompt, "cache_control": {"type": "ephemeral"}}]

    def run(self, task: str) -> str:
        history = [{"role": "user", "content": task}]
        while True:
            for attempt in range(3):  # expect-not: naive-retry
                try:
                    reply = self.api.messages.create(model=self.model, max_tokens=self.max_tokens, system=self.system, tools=self.schemas, messages=history)  # expect-not: uncached-prompt, missing-max-tokens, batchable-fanout, model-routing
                    break
                except RateLimitError as err:  # expect-not: string-matched-error
                    if attempt == 2:
                        raise
                    header = err.response.headers.get("retry-after") if err.response is not None else None
                    time.sleep(float(header) if header else 30 * (attempt + 1))
            if reply.stop_reason != "tool_use":
                return "".join(b.text for b in reply.content if b.type == "text")
            history.append({"role": "assistant", "content": reply.content})
            results = []
            for block in reply.content:
                if block.type == "tool_use":
                    out = self.tools[block.name](**block.input)
                    results.append({"type": "tool_result", "tool_use_id": block.id, "content": str(out)})
            history.append({"role": "user", "content": results})
