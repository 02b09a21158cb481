# realworld repro (negative): naive-retry look-alike -- a tenacity decorator on the request helper names
# APITimeoutError and APIError, but inside the helper RateLimitError and every other APIError are turned into the
# service's own exception classes (not APIError subclasses) before the decorator sees them, so only timeouts are
# re-sent; a local token bucket refuses (raises) instead of waiting; three dependent requests per user request
# (each needs the previous answer), Sonnet as a constructor default, max_tokens 4,096, short system prompts
# source: Grieveren/claude-garmin-ai-trainer app/services/claude_service.py:173
# source: Grieveren/claude-garmin-ai-trainer app/services/claude_service.py:202
# source: Grieveren/claude-garmin-ai-trainer app/services/claude_service.py:162
import json
import os
import time

from anthropic import Anthropic, APIError, APITimeoutError, RateLimitError
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential


class Bucket:
    def __init__(self, per_minute: int):
        self.room = float(per_minute)
        self.cap = per_minute
        self.rate = per_minute / 60.0
        self.stamp = time.time()

    def take(self) -> bool:
        now = time.time()
        self.room = min(self.cap, self.room + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.room >= 1:
            self.room -= 1
            return True
        return False


class CoachFailure(Exception):
    pass


class CoachThrottled(CoachFailure):
    pass


class CoachUpstream(CoachFailure):
    pass


class SleepCoach:
    def __init__(self, key=None, per_minute=50, model="claude-3-5-sonnet-20241022"):
        self.client = Anthropic(api_key=key or os.getenv("ANTHROPIC_API_KEY"))  # expect-not: retries-disabled, hardcoded-api-key
        self.bucket = Bucket(per_minute)
        self.model = model

    @retry(  # expect-not: naive-retry
        retry=retry_if_exception_type((APITimeoutError, APIError)),
        stop=stop_after_attempt(3),
        wait=wait_exponential(multiplier=1, min=2, max=10),
        reraise=True,
    )
    def _ask(self, system: str, content: str) -> str:
        if not self.bucket.take():
            raise CoachThrottled("local budget used up")
        try:
            out = self.client.messages.create(  # expect-not: string-matched-error, missing-max-tokens, nonstreaming-max-tokens, model-routing, batchable-fanout, uncached-prompt, unbounded-fanout
                model=self.model,
                max_tokens=4096,
                system=system,
                messages=[{"role": "user", "content": content}],
            )
            return out.content[0].text
        except RateLimitError as err:
            raise CoachThrottled(str(err))
        except APITimeoutError:
            raise
        except APIError as err:
            raise CoachUpstream(str(err))

    def morning_plan(self, metrics: dict) -> dict:
        state = json.loads(self._ask("You judge how rested an athlete is. Reply in JSON.", json.dumps(metrics)))
        session = json.loads(
            self._ask("You plan one training session. Reply in JSON.", json.dumps({"metrics": metrics, "state": state}))
        )
        rest = json.loads(self._ask("You suggest recovery habits. Reply in JSON.", json.dumps({"state": state})))
        return {"state": state, "session": session, "rest": rest}
