# realworld repro (negative): an agents' shared async helper streams an Opus 4.6 request with adaptive thinking,
# prints each text delta as it arrives and returns the whole text; max_tokens and the system prompt are parameters
# and nothing in the file loops over data -- no batching, routing, caching, token-limit or retry finding belongs here
# source: roycclu/ai-music-production utils/claude_utils.py:30
import anthropic


async def stream_reply(
    client: anthropic.AsyncAnthropic,
    system: str,
    brief: str,
    max_tokens: int = 8192,
    title: str = "",
) -> str:
    if title:
        print(f"\n== {title} ==\n")
    collected = ""
    async with client.messages.stream(  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, batchable-fanout, uncached-prompt, naive-retry
        model="claude-opus-4-6",
        max_tokens=max_tokens,
        thinking={"type": "adaptive"},
        system=system,
        messages=[{"role": "user", "content": brief}],
    ) as stream:
        async for piece in stream.text_stream:
            print(piece, end="", flush=True)
            collected += piece
    print()
    return collected
