# realworld repro (positive): naive-retry -- for-attempt loop, RateLimitError -> sleep(2 ** attempt), no jitter, no retry-after
# source: evgenygurin/claude-code-air examples/claude-3rd-party-platforms/bedrock_error_handling.py:33
import time

from anthropic import AnthropicBedrock, RateLimitError


def explain(client: AnthropicBedrock, topic, attempts=3):
    for attempt in range(attempts):  # expect: naive-retry
        try:
            return client.messages.create(
                model="anthropic.claude-sonnet-4-5",
                max_tokens=256,
                messages=[{"role": "user", "content": f"Explain {topic} briefly"}],
            )
        except RateLimitError:
            if attempt < attempts - 1:
                time.sleep(2**attempt)
                continue
            raise
