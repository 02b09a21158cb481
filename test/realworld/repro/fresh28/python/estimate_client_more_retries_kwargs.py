# realworld repro (negative): retries-disabled, missing-max-tokens -- an experiment client raises the SDK's retries
# from a constructor parameter (default 3, not 0) and sends `create(**request)` with a dict another method builds
# with max_tokens (2,048 by default); a record/replay cache sits in front; no loop over data in the file
# source: 1975020t/step_analysis_for_automatic-estimate src/claude_api.py:118
# source: 1975020t/step_analysis_for_automatic-estimate src/claude_api.py:120
import hashlib
import json
import os
from pathlib import Path


class StepClient:
    def __init__(self, model: str | None = None, retries: int = 3, cache: str = ".step_cache"):
        self.model = model or os.getenv("STEP_MODEL", "claude-sonnet-5")
        self.retries = retries
        self.cache = Path(cache)
        self._sdk = None

    def ask_json(self, system: str, user: str, schema: dict, max_tokens: int = 2048) -> dict:
        request = {
            "model": self.model,
            "max_tokens": max_tokens,
            "system": system,
            "messages": [{"role": "user", "content": user}],
            "tools": [{"name": "report", "description": "Structured result.", "input_schema": schema}],
            "tool_choice": {"type": "tool", "name": "report"},
        }
        answer = self._cached(request)
        for block in answer["content"]:
            if block.get("type") == "tool_use":
                return block["input"]
        raise RuntimeError("no structured result")

    def _cached(self, request: dict) -> dict:
        key = hashlib.sha256(json.dumps(request, sort_keys=True).encode()).hexdigest()[:24]
        path = self.cache / f"{key}.json"
        if path.exists():
            return json.loads(path.read_text())
        answer = self._send(request)
        self.cache.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(answer))
        return answer

    def _send(self, request: dict) -> dict:
        if self._sdk is None:
            import anthropic

            self._sdk = anthropic.Anthropic(max_retries=self.retries)  # expect-not: retries-disabled
        message = self._sdk.messages.create(**request)  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, batchable-fanout, naive-retry
        return message.model_dump(mode="json")
