# realworld repro (positive + negative): retry loops around legacy text completions -- a
# for-range loop with a fixed pause on APIError (naive-retry) beside the same loop around OpenAI
# (not Claude); a wrapper whose retries are paced only by a per-second limiter (naive-retry) and
# whose default-size pool goes through that limiter (not unbounded-fanout)
# source: lm-sys/FastChat fastchat/llm_judge/common.py:477
# source: lm-sys/FastChat fastchat/llm_judge/common.py:412
# source: open-compass/opencompass opencompass/models/claude_api/claude_api.py:106
# source: open-compass/opencompass opencompass/models/claude_api/claude_api.py:71
import time
from concurrent.futures import ThreadPoolExecutor

import anthropic
import openai

from .base_api import PacedModel

TRIES = 8
WAIT = 10


def judge_openai(model, turns):
    verdict = "$ERROR$"
    for _ in range(TRIES):  # expect-not: naive-retry
        try:
            verdict = openai.OpenAI().chat.completions.create(model=model, messages=turns).choices[0].message.content
            break
        except openai.OpenAIError:
            time.sleep(WAIT)
    return verdict


def judge_claude(model, prompt, limit):
    verdict = "$ERROR$"
    for _ in range(TRIES):  # expect: naive-retry
        try:
            c = anthropic.Anthropic()
            verdict = c.completions.create(model=model, prompt=prompt, max_tokens_to_sample=limit).completion
            break
        except anthropic.APIError as e:
            print(type(e), e)
            time.sleep(WAIT)
    return verdict.strip()


class LegacyClaude(PacedModel):
    def __init__(self, key, model="claude-2", tries=2):
        super().__init__(per_second=2)
        self.api = anthropic.Anthropic(api_key=key)
        self.model = model
        self.tries = tries

    def generate(self, prompts, limit=512):
        with ThreadPoolExecutor() as pool:
            return list(pool.map(self._one, prompts, [limit] * len(prompts)))  # expect-not: unbounded-fanout

    def _one(self, prompt, limit):
        n = 0
        while n < self.tries:  # expect: naive-retry
            self.wait()
            try:
                return self.api.completions.create(model=self.model, max_tokens_to_sample=limit, prompt=prompt).completion
            except Exception as err:
                self.log(err)
            n += 1
        raise RuntimeError("legacy Claude call failed")
