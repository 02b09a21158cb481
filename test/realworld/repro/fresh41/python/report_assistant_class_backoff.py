# realworld repro (positive + negative): naive-retry -- a document assistant sends every request through a same-file
# method whose for loop of three attempts waits 2, 4, 8 s on RateLimitError and 1, 2, 4 s on connection errors and
# 5xx statuses before sending again, never reading retry-after, on a client built with a key and a timeout (the SDK's
# own retries stay on); errors are told apart by class and numeric status, not by text
# source: ChinmayR07/documind-ai app/services/claude_service.py:90
# source: ChinmayR07/documind-ai app/services/claude_service.py:107
# source: ChinmayR07/documind-ai app/services/claude_service.py:92
# source: ChinmayR07/documind-ai app/services/claude_service.py:60
import os
import time

import anthropic
from anthropic import APIConnectionError, APIStatusError, RateLimitError

ANSWER_SYSTEM = "You answer questions about the attached report. Quote the section you rely on."


class ReportAssistant:
    def __init__(self) -> None:
        self._client = anthropic.Anthropic(  # expect-not: retries-disabled, hardcoded-api-key
            api_key=os.environ["ANTHROPIC_API_KEY"],
            timeout=float(os.environ.get("REPORT_TIMEOUT", "60")),
        )
        self._model = os.environ.get("REPORT_MODEL", "claude-sonnet-4-20250514")
        self._limit = int(os.environ.get("REPORT_MAX_TOKENS", "1500"))

    def _send(self, system: str, text: str, limit: int | None = None) -> str:
        last: Exception | None = None
        for n in range(3):  # expect: naive-retry
            try:
                reply = self._client.messages.create(  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, batchable-fanout
                    model=self._model,
                    max_tokens=limit or self._limit,
                    system=system,
                    messages=[{"role": "user", "content": text}],
                )
                return reply.content[0].text
            except RateLimitError as exc:  # expect-not: string-matched-error
                last = exc
                time.sleep(min(2.0 * 2**n, 30.0))
            except APIConnectionError as exc:
                last = exc
                time.sleep(min(1.0 * 2**n, 30.0))
            except APIStatusError as exc:
                if exc.status_code in (400, 401, 403):
                    raise RuntimeError(f"report request refused ({exc.status_code})") from exc
                last = exc
                time.sleep(min(1.0 * 2**n, 30.0))
        raise RuntimeError(f"report request failed three times: {last}")

    def answer(self, report: str, question: str) -> str:
        return self._send(ANSWER_SYSTEM, f"Report:\n{report}\n\nQuestion: {question}")
