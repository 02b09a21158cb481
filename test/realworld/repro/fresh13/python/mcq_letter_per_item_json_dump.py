# realworld repro (positive + negative): batchable-fanout -- an offline benchmark script walks every
# multiple-choice item of a JSON dataset under __main__, asks a same-file helper for one answer letter (one create
# with a constant system prompt), stores the letter in the item and dumps the dataset back to disk; look-alikes: a
# few-hundred-token system prompt far below the cacheable minimum, max_tokens=1, no handler
# source: upb-nlp/RoCulturaMCQ inference_claude.py:32
# source: upb-nlp/RoCulturaMCQ inference_claude.py:56
# source: upb-nlp/RoCulturaMCQ inference_claude.py:7
import json
import os

import anthropic
from tqdm import tqdm

api = anthropic.Anthropic(api_key=os.getenv("QUIZ_KEY"))  # expect-not: retries-disabled, hardcoded-api-key
PERSONA = """You answer quiz questions as someone who grew up in Portugal would: local institutions, school
curriculum, holidays, currency (EUR), metric units and day/month/year dates. Follow the answer format exactly and
add nothing to it."""


def pick_letter(question_text):
    reply = api.messages.create(  # expect: batchable-fanout; expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt
        model="claude-haiku-4-5",
        max_tokens=1,
        system=PERSONA,
        messages=[{"role": "user", "content": [{"type": "text", "text": question_text}]}],
    )
    return reply.content[0].text


def render(item):
    lines = [f"Question: {item['question']}", "Options:"]
    for n, option in enumerate([item["a"], item["b"], item["c"], item["d"]]):
        lines.append(f"{'ABCD'[n]}. {option}")
    lines.append("Answer with a single letter.")
    return "\n".join(lines)


if __name__ == "__main__":
    items = json.load(open("pt_quiz.json"))
    for item in tqdm(items):  # expect-not: naive-retry
        item["haiku_answer"] = pick_letter(render(item))
    json.dump(items, open("pt_quiz.json", "w"), indent=2, ensure_ascii=False)
