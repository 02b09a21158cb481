# realworld repro (positive + negative): naive-retry -- a provider method tries the create three times; its
# RateLimitError handler sleeps a doubling wait (5, 10, 20 s) and loops, never reading retry-after, while other
# APIError failures wait 2/4 s; batchable-fanout look-alike -- one create per batch handed in by a caller in
# another module (no loop over items here)
# source: steve1316/chrono-ark-translator backend/translator/claude_provider.py:117
# source: steve1316/chrono-ark-translator backend/translator/claude_provider.py:119
import json
import os
import time

import anthropic

TEMPLATE = "You localise {lang} menu strings into English. Reply with a JSON object keyed like the input."


class StringLocaliser:
    def __init__(self, model: str = "claude-sonnet-4-5"):
        self.model = model
        self.key = os.environ.get("LOCALISER_ANTHROPIC_KEY", "")

    def localise(self, pairs: list[tuple[str, str]], lang: str) -> dict[str, str]:
        client = anthropic.Anthropic(api_key=self.key)
        body = "\n".join(f"{k} = {v}" for k, v in pairs)
        for attempt in range(3):  # expect: naive-retry
            try:
                reply = client.messages.create(  # expect-not: batchable-fanout
                    model=self.model,
                    max_tokens=4096,
                    system=TEMPLATE.format(lang=lang),
                    messages=[{"role": "user", "content": body}],
                )
                return json.loads(reply.content[0].text)
            except anthropic.RateLimitError:
                pause = 5 * 2**attempt
                print(f"throttled, sleeping {pause}s")
                time.sleep(pause)
            except anthropic.APIError as err:
                if attempt == 2:
                    print(f"giving up: {err}")
                    return {}
                time.sleep(2 * 2**attempt)
        return {}
