# realworld repro (positive + negative): naive-retry -- a tenacity @retry on APIStatusError (429 kept for six
# attempts by a custom stop), connection and timeout errors, exponential wait, retry-after never read, around a
# method that builds its own client and calls messages.create; look-alike -- the method's while True only
# re-asks with a repair prompt after the reply fails JSON/schema validation
# source: elliottbache/compliance backend/src/compliance/llm/anthropic_api.py:91
# source: elliottbache/compliance backend/src/compliance/llm/anthropic_api.py:170
import json

import anthropic
from anthropic import APIConnectionError, APIStatusError, APITimeoutError
from pydantic import BaseModel, ValidationError
from tenacity import RetryCallState, retry, retry_if_exception_type, wait_exponential

BUDGET = 4000


def stop_by_status(state: RetryCallState) -> bool:
    exc = state.outcome.exception() if state.outcome else None
    if isinstance(exc, APIStatusError) and (exc.status_code in {408, 429} or exc.status_code >= 500):
        return state.attempt_number >= 6
    if isinstance(exc, (APIConnectionError, APITimeoutError)):
        return state.attempt_number >= 6
    return state.attempt_number >= 1


class Verdict(BaseModel):
    compliant: bool
    reasons: list[str]


class Reviewer:
    @retry(  # expect: naive-retry
        stop=stop_by_status,
        wait=wait_exponential(multiplier=1, min=2, max=32),
        retry=retry_if_exception_type((APIConnectionError, APITimeoutError, APIStatusError)),
        reraise=True,
    )
    def review(self, rules: str, page: str) -> Verdict:
        api = anthropic.Anthropic()
        left = BUDGET
        prompt = page
        while True:  # expect-not: naive-retry
            if left < 0:
                raise RuntimeError("token budget spent")
            try:
                reply = api.messages.create(
                    model="claude-haiku-4-5",
                    max_tokens=left,
                    system=rules,
                    messages=[{"role": "user", "content": prompt}],
                )
                left -= reply.usage.output_tokens
                return Verdict.model_validate(json.loads(reply.content[0].text))
            except (json.JSONDecodeError, ValidationError) as exc:
                prompt = f"Your last answer was not valid ({exc}). Answer again as JSON only.\n\n{page}"
