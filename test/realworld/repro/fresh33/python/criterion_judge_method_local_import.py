# realworld repro (positive + negative): naive-retry -- a per-criterion judge imports call_retrying inside its
# create method from a sibling module and hands it a lambda around the create (the helper retries 429s and
# overloads with jittered doubling, never retry-after); the caller's loop re-asks only when the verdict fails to
# parse, and its max_retries is that re-ask count, not a client option
# source: omarharoun/Agenttic src/agenttic/scoring/judge.py:266
# source: omarharoun/Agenttic src/agenttic/scoring/judge.py:221
# source: omarharoun/Agenttic src/agenttic/scoring/judge.py:173
import json

JUDGE_SYSTEM = "Score the single criterion you are given. Reply with JSON {\"score\": n, \"why\": \"...\"} only."


class VerdictError(RuntimeError):
    pass


class CriterionJudge:
    def __init__(self, *, model: str, client=None, max_retries: int = 1, max_tokens: int = 300):  # expect-not: retries-disabled
        if client is None:
            import anthropic

            client = anthropic.Anthropic()
        self.client = client
        self.model = model
        self.max_retries = max_retries
        self.max_tokens = max_tokens

    def score(self, prompt: str) -> float:
        problem = "none"
        for _ in range(self.max_retries + 1):  # expect-not: naive-retry
            reply = self._send(prompt)
            text = "".join(b.text for b in reply.content if getattr(b, "type", "") == "text")
            try:
                return float(json.loads(text)["score"])
            except (json.JSONDecodeError, KeyError, ValueError) as exc:
                problem = str(exc)
                continue
        raise VerdictError(problem)

    def _send(self, prompt: str):
        from criterion_judge_retry import call_retrying

        return call_retrying(lambda: self.client.messages.create(  # expect: naive-retry; expect-not: model-routing, uncached-prompt
            model=self.model,
            max_tokens=self.max_tokens,
            system=JUDGE_SYSTEM,
            messages=[{"role": "user", "content": prompt}],
        ), label="judge")
