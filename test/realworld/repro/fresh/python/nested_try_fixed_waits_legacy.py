# realworld repro (positive + negative): naive-retry -- a hand-unrolled retry: any exception from a legacy
# completions.create sleeps a fixed 45 s and re-sends, then 90 s and re-sends once more (no loop, no
# retry-after); the legacy call takes max_tokens_to_sample, and the key is an empty string
# source: souvikdgp16/protoai_uniwiz dataset/data_annotation/llm_utils.py:31
# source: souvikdgp16/protoai_uniwiz dataset/data_annotation/llm_utils.py:17
# source: souvikdgp16/protoai_uniwiz dataset/data_annotation/llm_utils.py:10
import time

import anthropic

legacy = anthropic.Client(
    api_key="",  # expect-not: hardcoded-api-key
)


def complete(text, model="claude-instant-1.2"):
    prompt = f"{anthropic.HUMAN_PROMPT} {text}{anthropic.AI_PROMPT}"
    try:
        out = legacy.completions.create(  # expect-not: missing-max-tokens
            prompt=prompt, model=model, max_tokens_to_sample=800
        )
        return out.completion
    except Exception as err:
        print(err, "- waiting 45 s")
        time.sleep(45)
        try:
            out = legacy.completions.create(prompt=prompt, model=model, max_tokens_to_sample=800)  # expect: naive-retry
            return out.completion
        except Exception as err:
            print(err, "- waiting 90 s")
            time.sleep(90)
            out = legacy.completions.create(prompt=prompt, model=model, max_tokens_to_sample=800)
            return out.completion
