# realworld repro (negative): model-routing look-alike -- a one-off chat helper defaults to Opus (overridable from the
# environment) with max_tokens 1024; whoever calls it, and any loop, lives elsewhere
# source: MxvsAtv321/hf-papers-perplexity-pipeline anthropic_client.py:47
import os

import anthropic


def opus_chat(turns: list[dict[str, str]], max_tokens: int = 1024) -> str:
    model = os.getenv("CHAT_MODEL", "claude-opus-4-1")
    client = anthropic.Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])
    system = next((t["content"] for t in turns if t["role"] == "system"), None)
    rest = [t for t in turns if t["role"] != "system"]
    params = {"model": model, "max_tokens": max_tokens, "messages": rest}
    if system:
        params["system"] = system
    reply = client.messages.create(**params)  # expect-not: model-routing
    return reply.content[0].text
