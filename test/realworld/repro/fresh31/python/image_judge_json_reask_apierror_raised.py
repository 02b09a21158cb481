# realworld repro (negative): naive-retry -- an async helper makes two passes only when the reply is not valid JSON
# or fails its schema (the validation error is appended to the prompt); anthropic.APIError, rate limits included, is
# wrapped in the app's own error and raised at once; look-alikes: a lazy client with a 120 s timeout and the SDK's
# retries, max_tokens from the caller (3,000 by default), a short constant system prompt, a class-based except
# source: Azazurrehman13/wordpress-image-automation backend/app/services/claude_service.py:108
# source: Azazurrehman13/wordpress-image-automation backend/app/services/claude_service.py:113
# source: Azazurrehman13/wordpress-image-automation backend/app/services/claude_service.py:117
# source: Azazurrehman13/wordpress-image-automation backend/app/services/claude_service.py:93
import json

import anthropic
from pydantic import BaseModel, ValidationError

SYSTEM = "You judge product photos. Reply with one JSON object only."


class AppError(Exception):
    pass


class Verdict(BaseModel):
    usable: bool
    reason: str = ""


class PhotoJudge:
    def __init__(self, key: str, model: str) -> None:
        self._key = key
        self._model = model
        self._client = None

    @property
    def client(self) -> anthropic.AsyncAnthropic:
        if self._client is None:
            self._client = anthropic.AsyncAnthropic(api_key=self._key, timeout=120)  # expect-not: retries-disabled, hardcoded-api-key
        return self._client

    async def judge(self, blocks: list[dict], instruction: str, max_tokens: int = 3000) -> Verdict:
        problem = ""
        for attempt in range(2):  # expect-not: naive-retry
            content = [*blocks, {"type": "text", "text": instruction}]
            if attempt:
                content.append({"type": "text", "text": f"Your last reply was invalid ({problem}). JSON only."})
            try:
                resp = await self.client.messages.create(  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout
                    model=self._model, max_tokens=max_tokens, system=SYSTEM,
                    messages=[{"role": "user", "content": content}],
                )
            except anthropic.APIError as err:  # expect-not: string-matched-error
                raise AppError(f"Claude API error: {getattr(err, 'message', str(err))}")
            text = "".join(b.text for b in resp.content if getattr(b, "type", "") == "text")
            try:
                return Verdict.model_validate(json.loads(text))
            except (ValueError, ValidationError) as err:
                problem = str(err)[:200]
        raise AppError(f"invalid reply twice: {problem}")
