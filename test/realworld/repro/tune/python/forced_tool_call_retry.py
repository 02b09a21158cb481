# realworld repro (positive): naive-retry -- a for-range loop around a forced tool_use create; RateLimitError
# sleeps base * 2**attempt * 2, 5xx and other API errors are retried too, retry-after is never read
# source: VictorNain26/linkedin-posts-pipeline anthropic_client.py:100
import time

from anthropic import Anthropic, APIError, APIStatusError, RateLimitError

TRIES = 4
BASE_SECONDS = 2
client = Anthropic()


def extract(model, text, tool, max_tokens):
    last = None
    for attempt in range(TRIES):  # expect: naive-retry
        try:
            reply = client.messages.create(
                model=model,
                max_tokens=max_tokens,
                messages=[{"role": "user", "content": text}],
                tools=[tool],
                tool_choice={"type": "tool", "name": tool["name"]},
            )
            for block in reply.content:
                if block.type == "tool_use" and block.name == tool["name"]:
                    return dict(block.input)
            raise RuntimeError("no tool call")
        except RateLimitError as err:
            last = err
            time.sleep(BASE_SECONDS * (2**attempt) * 2)
        except APIStatusError as err:
            last = err
            if err.status_code >= 500:
                time.sleep(BASE_SECONDS * (2**attempt))
            else:
                raise
        except APIError as err:
            last = err
            time.sleep(BASE_SECONDS * (2**attempt))
    raise RuntimeError(f"gave up after {TRIES} tries: {last}")
