# realworld repro (positive + negative): a `while reply is None` loop that sleeps a fixed five
# seconds on RateLimitError (naive-retry); a comparison of the error body to a content-filter
# message (not string-matched-error)
# source: bigcode-project/bigcodebench bigcodebench/gen/util/anthropic_request.py:15
# source: evalplus/evalplus evalplus/gen/util/anthropic_request.py:15
# source: bigcode-project/bigcodebench bigcodebench/gen/util/anthropic_request.py:49
# source: evalplus/evalplus evalplus/gen/util/anthropic_request.py:37
import time

import anthropic


def request_until_done(client: anthropic.Anthropic, **kwargs):
    reply = None
    while reply is None:  # expect: naive-retry
        try:
            reply = client.messages.create(**kwargs)
        except anthropic.RateLimitError:
            print("Rate limited, waiting")
            time.sleep(5)
        except anthropic.APIError as err:
            if err.body["error"]["message"] == "Blocked by the safety filter":  # expect-not: string-matched-error
                raise RuntimeError("blocked") from err
        except Exception as err:
            print("Unexpected", err)
            time.sleep(1)
    return reply
