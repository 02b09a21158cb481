# realworld repro (negative): naive-retry -- a while True loop that re-prompts Claude from its except when
# the parsed reply fails validation (the try holds only the parsing, so API errors propagate), and a
# tenacity @retry on a function that catches every error around its create and returns a fallback
# source: RAraghavarora/Anticipate-Colab_LLM utils/claude.py:101
# source: amenti4k/summary anthropic_utils.py:62
import json

import anthropic
from tenacity import retry, stop_after_attempt, wait_random_exponential

client = anthropic.Anthropic()
CHOICES = {"cook", "clean", "shop", "rest"}


def ask(history):
    reply = client.messages.create(model="claude-haiku-4-5", max_tokens=400, messages=history)
    return reply.content[0].text


def plan_day(prompt):
    history = [{"role": "user", "content": prompt}]
    text = ask(history)
    while True:  # expect-not: naive-retry
        try:
            plan = json.loads(text)
            if set(plan.get("tasks", [])) - CHOICES:
                raise ValueError("unknown task in the plan")
            break
        except ValueError as problem:
            history.append({"role": "assistant", "content": text})
            history.append({"role": "user", "content": f"Reply with valid JSON only; problem: {problem}"})
            text = ask(history)
    return plan


@retry(wait=wait_random_exponential(min=1, max=60), stop=stop_after_attempt(3))  # expect-not: naive-retry
def outline(document):
    try:
        reply = client.messages.create(
            model="claude-haiku-4-5",
            max_tokens=2000,
            messages=[{"role": "user", "content": f"Outline this invoice:\n{document}"}],
        )
        return [{"title": "Outline", "body": reply.content[0].text}]
    except Exception as err:
        return [{"title": "Error", "body": str(err)}]
