# realworld repro (negative): missing-max-tokens -- legacy text completions take max_tokens_to_sample
# source: anthropics/anthropic-sdk-python examples/text_completions_demo_async.py:12
import asyncio

import anthropic

legacy = anthropic.AsyncAnthropic()


async def main():
    out = await legacy.completions.create(  # expect-not: missing-max-tokens
        model="claude-2.1",
        prompt=f"{anthropic.HUMAN_PROMPT} Name three rivers.{anthropic.AI_PROMPT}",
        max_tokens_to_sample=300,
    )
    print(out.completion)


asyncio.run(main())
