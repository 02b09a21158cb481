# realworld repro (positive + negative): naive-retry -- a module-level helper tries the same Haiku create three
# times, catches anthropic.APIError (rate limits and overloads included), sleeps 5 then 10 s (a linear wait of its
# own) and raises only on the last try; retry-after is never read and the client keeps the SDK's retries;
# look-alikes: the class-based handler only prints, max_tokens a parameter default, no loop over data in the module
# source: IITD-Tech-Ambit/classification-pipeline pipeline/llm.py:34
# source: IITD-Tech-Ambit/classification-pipeline pipeline/llm.py:43
# source: IITD-Tech-Ambit/classification-pipeline pipeline/llm.py:36
# source: IITD-Tech-Ambit/classification-pipeline pipeline/llm.py:16
import json
import os
import time

import anthropic

TAGGER_MODEL = "claude-haiku-4-5"

_tagger = anthropic.Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])  # expect-not: retries-disabled, hardcoded-api-key


def tag_text(text, max_tokens=3000, tries=3):
    for n in range(tries):  # expect: naive-retry
        try:
            reply = _tagger.messages.create(  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout
                model=TAGGER_MODEL,
                max_tokens=max_tokens,
                messages=[{"role": "user", "content": text}],
            )
            return reply.content[0].text
        except anthropic.APIError as err:  # expect-not: string-matched-error
            if n == tries - 1:
                raise
            print(f"tagger failed ({err}); trying again")
            time.sleep(5 * (n + 1))


def tag_json(text):
    return json.loads(tag_text(text))
