# realworld repro (positive + negative): naive-retry -- a singleton service of a coaching web app sends each
# request through one helper whose three-try attempt loop catches RateLimitError, and any other APIError or
# connection error, sleeps 1.5^attempt s (1 s, then 1.5 s) and goes round again; retry-after is never read and
# the client keeps the SDK's own retries; look-alikes: create(**params) on a dict that always carries max_tokens
# (4,000 by default, 1,000 for a report), a Sonnet constant, system prompts built per request with the user's
# context, one request per web action
# source: CasonL/PitchIQ app/services/claude_service.py:121
# source: CasonL/PitchIQ app/services/claude_service.py:139
# source: CasonL/PitchIQ app/services/claude_service.py:67
import logging
import os
import time

import anthropic

log = logging.getLogger(__name__)

MODEL = "claude-3-7-sonnet-20250219"
DEFAULT_LIMIT = 4000


class CoachError(Exception):
    pass


class CoachService:
    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
            cls._instance.ready = False
        return cls._instance

    def __init__(self):
        if self.ready:
            return
        self.client = anthropic.Anthropic(api_key=os.environ.get("ANTHROPIC_API_KEY"))  # expect-not: retries-disabled, hardcoded-api-key
        self.ready = True

    def reply(self, turns, system="", limit=DEFAULT_LIMIT, temperature=0.7):
        clean = [{"role": t["role"], "content": t["content"]} for t in turns if t.get("content")]
        tries = 3
        factor = 1.5
        for attempt in range(tries):  # expect: naive-retry
            try:
                params = {
                    "model": MODEL,
                    "system": system,
                    "messages": clean,
                    "max_tokens": limit,
                    "temperature": temperature,
                }
                log.info("coach request, attempt %d", attempt + 1)
                answer = self.client.messages.create(**params)  # expect-not: string-matched-error, missing-max-tokens, nonstreaming-max-tokens, model-routing, batchable-fanout, uncached-prompt, unbounded-fanout
                if answer.content and answer.content[0].text.strip():
                    return answer.content[0].text
                raise CoachError("empty answer")
            except anthropic.RateLimitError as err:
                if attempt < tries - 1:
                    pause = factor**attempt
                    log.warning("throttled, waiting %ss: %s", pause, err)
                    time.sleep(pause)
                else:
                    raise CoachError(f"still throttled after {tries} tries") from err
            except (anthropic.APIError, anthropic.APIConnectionError) as err:
                if attempt < tries - 1:
                    time.sleep(factor**attempt)
                else:
                    raise CoachError(f"api failure after {tries} tries") from err
        raise CoachError("no answer")

    def play_client(self, turns, profile: str, product: str) -> str:
        system = f"""You play this prospective buyer in a practice sales call: {profile}
The seller offers {product}. Answer in one or two sentences and stay in character."""
        return self.reply(turns, system)

    def report(self, turns, trainee: str) -> str:
        system = f"Write a short, kind review of how {trainee} ran this practice call, with three tips."
        return self.reply(turns[-12:], system, limit=1000, temperature=0.5)
