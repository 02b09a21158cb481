# realworld repro (positive + negative): naive-retry + string-matched-error + model-routing +
# batchable-fanout -- a generic retry_with_backoff(func) tests the lowered error text for 429 /
# "rate limit"; a nested function calls Opus with max_tokens=100 once per post through a provider
# table and the labels are written to CSV by an offline script; the gather runs one task per provider
# source: docal-pro/docal-ai-twitter src/classifier.py:130
# source: docal-pro/docal-ai-twitter src/classifier.py:139
# source: docal-pro/docal-ai-twitter src/classifier.py:241
# source: docal-pro/docal-ai-twitter src/classifier.py:701
import asyncio
import time

import pandas as pd
from anthropic import Anthropic
from openai import OpenAI

claude = Anthropic()
gpt = OpenAI()
RULES = "Label the post SPAM or HAM, then give one line of reasoning."


def retry_with_backoff(func, *args, tries=3, pause=1):
    for i in range(tries):  # expect: naive-retry
        try:
            return func(*args)
        except Exception as exc:
            if i == tries - 1:
                raise
            words = str(exc).lower()
            if "429" in words or "rate limit" in words:  # expect: string-matched-error
                time.sleep(pause * 2**i)
            else:
                time.sleep(pause)


def label_with_claude(post):
    def call():
        reply = claude.messages.create(  # expect: model-routing, batchable-fanout
            model="claude-3-opus-20240229",
            max_tokens=100,
            system=RULES,
            messages=[{"role": "user", "content": post}],
        )
        return reply.content[0].text

    return retry_with_backoff(call)


def label_with_gpt(post):
    def call():
        out = gpt.chat.completions.create(model="gpt-4o", max_tokens=100, messages=[{"role": "user", "content": post}])
        return out.choices[0].message.content

    return retry_with_backoff(call)


PROVIDERS = {"claude": label_with_claude, "gpt": label_with_gpt}


async def run_provider(name, labeller, posts, table):
    loop = asyncio.get_running_loop()
    for idx, post in posts:
        table.at[idx, name] = await loop.run_in_executor(None, labeller, post)
        table.to_csv("labels.csv", index=False)


async def main(path):
    table = pd.read_csv(path)
    posts = list(table["text"].items())
    jobs = [run_provider(name, fn, posts, table) for name, fn in PROVIDERS.items()]
    await asyncio.gather(*jobs)  # expect-not: unbounded-fanout
    table.to_csv("labels.csv", index=False)


if __name__ == "__main__":
    asyncio.run(main("posts.csv"))
