# realworld repro (negative): missing-max-tokens look-alikes -- a legacy Text Completions call that sets
# max_tokens_to_sample, and another provider's Complete.create with its own max_tokens
# source: ZejiaYang/Agent-consistent-intention src/utils/model_api/other_api.py:60
# source: ZejiaYang/Agent-consistent-intention src/utils/model_api/other_api.py:102
import os

import anthropic
import together


def legacy_answer(system_text, question, model, limit=10):
    api = anthropic.Client(api_key=os.getenv("CLAUDE_KEY"))
    prompt = "\n\nHuman: " + system_text + "\n\nHuman: " + question + "\n\nAssistant:"
    reply = api.completions.create(  # expect-not: missing-max-tokens
        model=model,
        prompt=prompt,
        max_tokens_to_sample=limit,
        temperature=0,
    )
    return reply.completion


def hosted_answer(system_text, question, model, limit=100):
    together.api_key = os.getenv("TOGETHER_KEY")
    reply = together.Complete.create(  # expect-not: missing-max-tokens
        model=model,
        prompt=system_text + "\n\n" + question + "\n\nThe answer:",
        max_tokens=limit,
        temperature=0,
    )
    return reply["choices"][0]["text"]
