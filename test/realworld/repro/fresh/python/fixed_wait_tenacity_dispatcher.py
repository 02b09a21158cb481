# realworld repro (positive + negative): naive-retry -- tenacity @retry with a fixed 90 s wait and ten
# attempts on an async dispatcher that awaits a same-file function calling Claude on a default client
# (every error, no retry-after); the calls pass max_tokens through **params, which the dispatcher fills
# source: kenoharada/llm-api-utils llm_api_utils.py:34
# source: kenoharada/llm-api-utils llm_api_utils.py:92
from anthropic import AsyncAnthropic
from tenacity import retry, stop_after_attempt, wait_fixed

CLAUDE_IDS = {"claude-haiku-4-5", "claude-sonnet-4-5"}


async def claude_reply(model, params, messages):
    client = AsyncAnthropic()
    reply = await client.messages.create(  # expect-not: missing-max-tokens
        messages=messages,
        model=model,
        **params,
    )
    return reply.content[0].text


@retry(wait=wait_fixed(90), stop=stop_after_attempt(10))  # expect: naive-retry
async def reply_for(model, given, messages):
    params = dict(given)
    if model in CLAUDE_IDS:
        params.setdefault("max_tokens", 8192)
        return await claude_reply(model, params, messages)
    raise ValueError(f"unsupported model {model}")
