# realworld repro (positive + negative): naive-retry -- a provider posts to /v1/messages with urllib inside a for of
# configured attempts: an HTTPError with status 429 or 5xx is re-sent after a configured delay doubled per attempt
# with jitter, never reading the Retry-After header; look-alikes: billing words tested on the error body to stop
# retrying, transport words tested on other errors, max_tokens and model from settings
# source: baobao0605/AIScreening src/providers/anthropic_provider.py:102
# source: baobao0605/AIScreening src/providers/anthropic_provider.py:110
# source: baobao0605/AIScreening src/providers/anthropic_provider.py:131
# source: baobao0605/AIScreening src/providers/anthropic_provider.py:104
import json
import random
import time
from urllib import error, request


def _worth_retrying(status: int) -> bool:
    return status == 429 or 500 <= status <= 599


def _out_of_credit(body: str) -> bool:
    folded = body.casefold()
    return any(word in folded for word in ("credit balance", "insufficient funds", "billing"))


def _flaky_transport(text: str) -> bool:
    folded = text.casefold()
    return any(word in folded for word in ("connection reset", "timed out", "unexpected eof"))


class ScreeningClient:
    def __init__(self, *, key: str, model: str, max_tokens: int, attempts: int, delay: float, timeout: float):
        self.key = key
        self.model = model
        self.max_tokens = max_tokens
        self.attempts = max(1, attempts)
        self.delay = max(0.0, delay)
        self.timeout = timeout

    def judge(self, text: str) -> str:
        body = {"model": self.model, "max_tokens": self.max_tokens, "messages": [{"role": "user", "content": text}]}
        req = request.Request(
            "https://api.anthropic.com/v1/messages",
            data=json.dumps(body).encode("utf-8"),
            headers={"x-api-key": self.key, "anthropic-version": "2023-06-01", "content-type": "application/json"},
            method="POST",
        )
        answer = None
        failure = None
        for attempt in range(1, self.attempts + 1):  # expect: naive-retry
            try:
                with request.urlopen(req, timeout=self.timeout) as resp:  # expect-not: missing-max-tokens
                    answer = json.loads(resp.read().decode("utf-8"))
                failure = None
                break
            except error.HTTPError as exc:
                detail = exc.read().decode("utf-8", errors="ignore")
                failure = RuntimeError(f"HTTP {exc.code}: {detail}")
                if _out_of_credit(detail):  # expect-not: string-matched-error
                    break
                if not _worth_retrying(exc.code) or attempt >= self.attempts:
                    break
                if self.delay > 0:
                    time.sleep(self.delay * (2 ** (attempt - 1)) * random.uniform(0.7, 1.8))
            except Exception as exc:
                failure = RuntimeError(str(exc))
                if not _flaky_transport(str(exc)) or attempt >= self.attempts:  # expect-not: string-matched-error
                    break
                if self.delay > 0:
                    time.sleep(self.delay * (2 ** (attempt - 1)) * random.uniform(0.7, 1.8))
        if failure is not None:
            raise failure
        return "".join(block.get("text", "") for block in answer.get("content", []) if block.get("type") == "text")
