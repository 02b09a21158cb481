# realworld repro (positive): naive-retry, string-matched-error -- a script-writing client class retries its
# create call in a three-attempt loop with a catch-all handler; when the lowered error text mentions a timeout or
# the bare word "rate" it sleeps a linear 30 s, 60 s and sends the same request again, never reading retry-after;
# the client keeps the SDK's retries and has a long timeout, and max_tokens comes from the instance (16,000)
# source: hibob10123/bsyta src/utils/claude_client.py:48
# source: hibob10123/bsyta src/utils/claude_client.py:59
# source: hibob10123/bsyta src/utils/claude_client.py:51
# source: hibob10123/bsyta src/utils/claude_client.py:18
import os
import time

from anthropic import Anthropic


class ScriptWriter:
    def __init__(self, model="claude-sonnet-4-5-20250929", max_tokens=16000):
        key = os.getenv("WRITER_KEY")
        self.client = Anthropic(api_key=key, timeout=300.0)  # expect-not: retries-disabled, hardcoded-api-key
        self.model = model
        self.max_tokens = max_tokens

    def draft(self, outline, tone=None, tries=3):
        params = {
            "model": self.model,
            "max_tokens": self.max_tokens,
            "messages": [{"role": "user", "content": outline}],
        }
        if tone:
            params["system"] = tone
        for n in range(tries):  # expect: naive-retry
            try:
                reply = self.client.messages.create(**params)  # expect-not: nonstreaming-max-tokens, missing-max-tokens, model-routing, batchable-fanout, uncached-prompt
                return reply.content[0].text
            except Exception as err:
                text = str(err)
                if "timeout" in text.lower() or "rate" in text.lower():  # expect: string-matched-error
                    if n < tries - 1:
                        time.sleep((n + 1) * 30)
                        continue
                    return None
                return None
        return None


if __name__ == "__main__":
    writer = ScriptWriter()
    print(writer.draft("Write one sentence about tides."))
