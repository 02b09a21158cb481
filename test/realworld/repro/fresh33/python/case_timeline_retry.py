# realworld repro (module): the decorator imported by case_timeline_tenacity_alias.py -- a module-level tenacity
# retry object (RateLimitError, connection and timeout errors, exponential 2-60 s, five attempts, never
# retry-after) kept under a provider name, beside a token-bucket pacer; no Claude call here
# source: Vishwatejkhot/legal_multimodal_rag agent/timeline_extractor.py:32
import threading
import time

import anthropic
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential


class Bucket:
    def __init__(self, per_second: float, size: float):
        self.per_second = per_second
        self.size = size
        self.level = size
        self.stamp = time.monotonic()
        self.lock = threading.Lock()

    def take(self):
        with self.lock:
            now = time.monotonic()
            self.level = min(self.size, self.level + (now - self.stamp) * self.per_second)
            self.stamp = now
            if self.level < 1:
                time.sleep((1 - self.level) / self.per_second)
                self.level = 0
            else:
                self.level -= 1


_bucket = Bucket(per_second=40 / 60, size=40)


def pace():
    _bucket.take()


claude_backoff = retry(  # expect-not: naive-retry
    retry=retry_if_exception_type((anthropic.RateLimitError, anthropic.APIConnectionError, anthropic.APITimeoutError)),
    wait=wait_exponential(multiplier=1, min=2, max=60),
    stop=stop_after_attempt(5),
    reraise=True,
)
