# realworld repro (positive + negative): naive-retry -- a participant agent's Anthropic path retries
# messages.create on any exception with a jittered doubling pause before the next attempt (no
# retry-after); look-alikes on the OpenAI path of the same class: clients built with max_retries=0 (the
# class retries them itself), the same loop around chat.completions, and "rate limit"/"429" text tests
# on OpenAI errors
# source: AISmithLab/HumanStudy-Bench src/agents/llm_participant_agent.py:930
# source: AISmithLab/HumanStudy-Bench src/agents/llm_participant_agent.py:683
# source: AISmithLab/HumanStudy-Bench src/agents/llm_participant_agent.py:875
# source: AISmithLab/HumanStudy-Bench src/agents/llm_participant_agent.py:670
# source: AISmithLab/HumanStudy-Bench src/agents/llm_participant_agent.py:1057
import random
import time

from anthropic import Anthropic
from openai import OpenAI


class Respondent:
    def __init__(self, provider, model, key, base_url=None):
        self.provider = provider
        self.model = model
        self.key = key
        self.base_url = base_url

    def _openai(self):
        if self.base_url:
            return OpenAI(
                api_key=self.key,
                base_url=self.base_url,
                timeout=45.0,
                max_retries=0,  # expect-not: retries-disabled
            )
        return OpenAI(api_key=self.key, timeout=45.0, max_retries=0)  # expect-not: retries-disabled

    def answer(self, history, tries=3, limit=8192):
        if self.provider == "anthropic":
            return self._answer_claude(history, tries, limit)
        api = self._openai()
        for n in range(tries):  # expect-not: naive-retry
            try:
                if n > 0:
                    time.sleep(2 ** (n - 1) + random.uniform(0.0, 0.75))
                out = api.chat.completions.create(model=self.model, messages=history, max_tokens=limit)
                return out.choices[0].message.content
            except Exception as exc:
                text = str(exc).lower()
                transient = any(w in text for w in ["timeout", "connection", "rate limit", "429", "503"])  # expect-not: string-matched-error
                if transient and n < tries - 1:
                    continue
                raise
        raise RuntimeError("no answer")

    def _answer_claude(self, history, tries, limit):
        api = Anthropic(api_key=self.key)
        system = next((m["content"] for m in history if m["role"] == "system"), None)
        turns = [m for m in history if m["role"] in ("user", "assistant")]
        last = None
        for n in range(tries):  # expect: naive-retry
            try:
                if n > 0:
                    time.sleep(2 ** (n - 1) + random.uniform(0, 0.75))
                params = {"model": self.model, "max_tokens": limit, "messages": turns}
                if system:
                    params["system"] = system
                reply = api.messages.create(**params)
                return reply.content[0].text
            except Exception as exc:
                last = exc
                if n == tries - 1:
                    break
        raise RuntimeError(f"Claude failed after {tries} tries: {last}")
