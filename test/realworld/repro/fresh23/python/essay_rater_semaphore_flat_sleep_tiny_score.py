# realworld repro (positive + negative): naive-retry, model-routing, batchable-fanout -- an offline research script
# rates every essay of a pool with a nested async grader: each grader tries three times, holds a semaphore around a
# Sonnet create asking for a 0-100 score at max_tokens 20, and on any exception sleeps a flat 3 s and goes round
# again (no growth, no jitter, no retry-after, the SDK's own retries still on); the graders are gathered over a
# comprehension and the scores are written to a JSON file by main; look-alikes: the gather is held by the semaphore,
# there is no system prompt, the handler tests no error text, the default client reads its key from the environment
# source: Jozdien/subliminal-learning-exps probes/signal_check_cot.py:68
# source: Jozdien/subliminal-learning-exps probes/signal_check_cot.py:71
# source: Jozdien/subliminal-learning-exps probes/signal_check_cot.py:80
# source: Jozdien/subliminal-learning-exps probes/signal_check_cot.py:76
import argparse
import asyncio
import json
import re

import anthropic

RATING_TEMPLATE = """Rate how clearly this student essay answers its prompt, from 0 (not at all) to 100 (fully).

Prompt: {topic}
Essay: {essay}

Reply with only a JSON object: {{"clarity": <int>}}"""


async def rate_pool(essays, width=20):
    api = anthropic.AsyncAnthropic()  # expect-not: retries-disabled, hardcoded-api-key
    gate = asyncio.Semaphore(width)

    async def rate(item):
        text = RATING_TEMPLATE.format(topic=item["topic"][:800], essay=item["essay"][:2500])
        for _ in range(3):  # expect: naive-retry
            try:
                async with gate:
                    reply = await api.messages.create(  # expect: model-routing, batchable-fanout; expect-not: uncached-prompt, nonstreaming-max-tokens, missing-max-tokens
                        model="claude-sonnet-4-6", max_tokens=20,
                        messages=[{"role": "user", "content": text}])
                found = re.search(r"\{[^}]*\}", reply.content[0].text)
                return json.loads(found.group(0)).get("clarity", 50) if found else 50
            except Exception:  # expect-not: string-matched-error
                await asyncio.sleep(3)
        return 50

    return await asyncio.gather(*[rate(item) for item in essays])  # expect-not: unbounded-fanout


async def main(args):
    with open(args.essays) as fh:
        essays = [json.loads(line) for line in fh]
    scores = await rate_pool(essays)
    with open(args.out, "w") as fh:
        json.dump({"scores": scores}, fh, indent=2)


if __name__ == "__main__":
    cli = argparse.ArgumentParser()
    cli.add_argument("--essays", required=True)
    cli.add_argument("--out", default="clarity_scores.json")
    asyncio.run(main(cli.parse_args()))
