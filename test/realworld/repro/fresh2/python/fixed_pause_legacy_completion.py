# realworld repro (positive + negative): naive-retry -- an unbounded while True around a legacy Text
# Completions call that swallows every error and sleeps a fixed 3 s; missing-max-tokens look-alike -- the
# legacy call sets max_tokens_to_sample instead
# source: xiahan4956/Paper_manager utils/claude.py:19
# source: xiahan4956/Paper_manager utils/claude.py:21
import os
import time

import anthropic
from anthropic import AI_PROMPT, HUMAN_PROMPT


def summarise_abstract(abstract):
    api = anthropic.Anthropic(api_key=os.getenv("PAPERS_CLAUDE_KEY"))
    prompt = f"{HUMAN_PROMPT}Summarise this abstract in two lines:\n{abstract}{AI_PROMPT}"
    while True:  # expect: naive-retry
        try:
            out = api.completions.create(  # expect-not: missing-max-tokens
                prompt=prompt,
                model=os.getenv("PAPERS_MODEL"),
                temperature=0,
                max_tokens_to_sample=400,
            )
            break
        except Exception as exc:
            time.sleep(3)
            print(exc)
    return out.completion
