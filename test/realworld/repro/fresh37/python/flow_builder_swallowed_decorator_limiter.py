# realworld repro (module): the process-wide limiter imported by flow_builder_swallowed_decorator.py -- a token bucket
# (a few requests per minute, a small burst) whose acquire waits for the next token; no Claude call here
# source: realtalishaw/super-enigma services/dsl_generator/ai_client.py:135
import asyncio
import time


class MinuteBucket:
    def __init__(self, per_minute: int = 12, burst: int = 3):
        self.per_minute = per_minute
        self.burst = burst
        self.tokens = float(burst)
        self.stamp = time.monotonic()
        self.lock = asyncio.Lock()

    async def take(self) -> None:
        async with self.lock:
            while True:  # expect-not: naive-retry
                now = time.monotonic()
                self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.per_minute / 60.0)
                self.stamp = now
                if self.tokens >= 1:
                    self.tokens -= 1
                    return
                await asyncio.sleep((1 - self.tokens) * 60.0 / self.per_minute)


_bucket = MinuteBucket()


async def wait_turn() -> None:
    await _bucket.take()
