# realworld repro (positive): naive-retry and string-matched-error -- a tenacity decorator (exponential wait, three
# attempts) on a same-file helper that the Claude verdict method calls with its create; the retry predicate tests the
# status first and then looks for "rate limit" / "too many requests" in the error text, and never reads retry-after;
# missing-max-tokens look-alike -- an OpenAI chat call with no max_tokens
# source: Rohanr14/llm-judge-audit llm_judge_audit/judge.py:155
# source: Rohanr14/llm-judge-audit llm_judge_audit/judge.py:152
# source: Rohanr14/llm-judge-audit llm_judge_audit/judge.py:230
import json

import anthropic
import openai
from tenacity import retry, retry_if_exception, stop_after_attempt, wait_exponential

PASSING = {500, 502, 503, 529, 429}
HINTS = ("rate limit", "too many requests", "try again later")


def worth_another_go(exc):
    code = getattr(exc, "status_code", None)
    if code in PASSING:
        return True
    text = str(exc).lower()
    return any(hint in text for hint in HINTS)  # expect: string-matched-error


@retry(  # expect: naive-retry
    retry=retry_if_exception(worth_another_go),
    wait=wait_exponential(multiplier=1, min=1, max=10),
    stop=stop_after_attempt(3),
    reraise=True,
)
def again(thunk):
    return thunk()


class EssayRater:
    def __init__(self, model):
        self.model = model
        self.claude = anthropic.Anthropic()
        self.other = openai.OpenAI()

    def _ask_claude(self, essay_a, essay_b):
        reply = self.claude.messages.create(
            model=self.model,
            system="Pick the better essay. Answer with JSON {\"winner\": \"A\"|\"B\"}.",
            messages=[{"role": "user", "content": f"A:\n{essay_a}\n\nB:\n{essay_b}"}],
            max_tokens=60,
        )
        return json.loads(reply.content[0].text)["winner"]

    def _ask_other(self, essay_a, essay_b):
        reply = self.other.chat.completions.create(  # expect-not: missing-max-tokens
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": f"A:\n{essay_a}\n\nB:\n{essay_b}\nWhich is better?"}],
        )
        return reply.choices[0].message.content

    def rate(self, essay_a, essay_b):
        return again(lambda: self._ask_claude(essay_a, essay_b))
