# realworld repro (negative): naive-retry look-alike -- a chat bot's helper runs up to eight tool-use turns,
# re-sending the conversation after a pause_turn stop or after appending tool results; no exception is caught
# inside the loop, so nothing is re-sent after an error
# source: CruxForever/AI_Telegram_bot claude_utils.py:162
# source: CruxForever/AI_Telegram_bot claude_utils.py:163
import os

import anthropic

_sdk = anthropic.Anthropic(api_key=os.getenv("ANTHROPIC_API_KEY"))  # expect-not: hardcoded-api-key


def converse(history, system, run_tool, max_tokens=700):
    params = {
        "model": os.getenv("BOT_MODEL", "claude-sonnet-4-5"),
        "max_tokens": max_tokens,
        "system": system,
        "messages": list(history),
    }
    reply = None
    for _ in range(8):  # expect-not: naive-retry
        reply = _sdk.messages.create(**params)  # expect-not: missing-max-tokens, model-routing
        if reply.stop_reason == "pause_turn":
            params["messages"] = params["messages"] + [{"role": "assistant", "content": reply.content}]
            continue
        if reply.stop_reason != "tool_use":
            return reply
        outputs = [
            {"type": "tool_result", "tool_use_id": block.id, "content": str(run_tool(block.name, block.input))}
            for block in reply.content
            if block.type == "tool_use"
        ]
        params["messages"] = params["messages"] + [
            {"role": "assistant", "content": reply.content},
            {"role": "user", "content": outputs},
        ]
    return reply
