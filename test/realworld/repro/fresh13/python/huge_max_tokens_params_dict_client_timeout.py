# realworld repro (negative): nonstreaming-max-tokens and missing-max-tokens look-alikes -- a non-streaming beta create
# of 60,000 tokens sent through a params dict built in the same function, on a module-level async client constructed
# with an explicit 300 s timeout (which disarms the SDK's ten-minute guard), for a model id whose output limit the rule
# does not confirm; the api key is an empty string
# source: Itsssaksham/BT_AI_Project call_claude.py:91
# source: Itsssaksham/BT_AI_Project call_claude.py:6
from anthropic import AsyncAnthropic

writer = AsyncAnthropic(
    api_key="",  # expect-not: hardcoded-api-key
    timeout=300.0,
)


async def draft(brief: str, pages: list[str]) -> object:
    content = [{"type": "text", "text": page} for page in pages]
    content.append({"type": "text", "text": brief})
    params = {
        "model": "claude-opus-4-8",
        "max_tokens": 60000,
        "messages": [{"role": "user", "content": content}],
        "thinking": {"type": "adaptive"},
    }
    return await writer.beta.messages.create(**params)  # expect-not: nonstreaming-max-tokens, missing-max-tokens, model-routing, batchable-fanout
