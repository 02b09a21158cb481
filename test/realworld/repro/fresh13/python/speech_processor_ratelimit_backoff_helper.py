# realworld repro (positive + negative): naive-retry -- a processor class loops max_retries+1 times around the
# create; the RateLimitError handler (like the connection, 5xx and bad-JSON ones) calls a same-file helper that
# sleeps base*2**attempt capped at 30 s plus jitter, never reading retry-after, on a client that keeps the SDK's
# own retries; look-alikes: max_tokens from the caller (clamped up to 8,192) with a per-request timeout, model and
# system prompt from the caller, a 4xx that breaks out of the loop
# source: Democratie-Monitor/TK-analyser claude_processor.py:173
# source: Democratie-Monitor/TK-analyser claude_processor.py:177
# source: Democratie-Monitor/TK-analyser claude_processor.py:99
import json
import random
import time

import anthropic


class MinutesReader:
    def __init__(self, key=None, model="claude-sonnet-4-20250514", tries=3, base=1.0, cap=30.0, timeout=120.0):
        self.api = anthropic.Anthropic(api_key=key)  # expect-not: retries-disabled, hardcoded-api-key
        self.model = model
        self.tries = tries
        self.base = base
        self.cap = cap
        self.timeout = timeout

    def read(self, text, system_prompt, template, max_tokens=4096, detailed=False):
        if detailed:
            max_tokens = max(max_tokens, 8192)
        prompt = template.format(text=text)
        problem = None
        for attempt in range(self.tries + 1):  # expect: naive-retry
            try:
                out = self.api.messages.create(  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout
                    model=self.model,
                    max_tokens=max_tokens,
                    system=system_prompt,
                    messages=[{"role": "user", "content": prompt}],
                    timeout=self.timeout,
                )
                return json.loads(out.content[0].text)
            except anthropic.RateLimitError as err:
                problem = f"throttled: {err}"
                self._pause(attempt)
            except anthropic.APIConnectionError as err:
                problem = f"network: {err}"
                self._pause(attempt)
            except anthropic.APIStatusError as err:
                if err.status_code >= 500:
                    problem = f"server: {err}"
                    self._pause(attempt)
                else:
                    problem = f"refused: {err}"
                    break
            except json.JSONDecodeError as err:
                problem = f"not json: {err}"
                self._pause(attempt)
        return {"error": problem}

    def _pause(self, attempt):
        wait = min(self.base * (2**attempt), self.cap)
        time.sleep(wait + random.uniform(0, wait * 0.1))
