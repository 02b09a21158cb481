# realworld repro (negative): naive-retry and string-matched-error -- an agent step retries up to three
# times only when the SDK reports unparsable tool-call JSON (a ValueError whose text is tested); every
# other error, rate limits included, is re-raised
# source: hud-evals/hud-python hud/agents/claude/agent.py:190
# source: hud-evals/hud-python hud/agents/claude/agent.py:225
import anthropic

BAD_JSON = "Unable to parse tool parameter JSON from model."


class StepRunner:
    def __init__(self):
        self.client = anthropic.AsyncAnthropic()

    async def step(self, history, tools):
        reply = None
        for _ in range(3):  # expect-not: naive-retry
            try:
                async with self.client.messages.stream(
                    model="claude-sonnet-4-5", max_tokens=4096, messages=history, tools=tools
                ) as stream:
                    reply = await stream.get_final_message()
                break
            except ValueError as err:
                if BAD_JSON not in str(err):  # expect-not: string-matched-error
                    raise
                history.append({"role": "user", "content": "Send the same tool call again with valid JSON."})
        if reply is None:
            raise ValueError("no reply after retries")
        return reply
