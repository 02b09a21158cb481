# realworld repro (positive): naive-retry -- `while answer is None` around a local helper that builds a
# client and calls messages.create; any exception sleeps a fixed 60 s and loops, retry-after never read
# source: limJhyeok/s1-clone data/inference_utils.py:23
import time

import anthropic


def _ask(prompt, system):
    client = anthropic.Anthropic()
    reply = client.messages.create(
        model="claude-sonnet-4-5",
        max_tokens=8192,
        system=system,
        messages=[{"role": "user", "content": prompt}],
    )
    return reply.content[0].text, reply.usage


def label(prompt, system):
    answer = None
    while answer is None:  # expect: naive-retry
        try:
            answer, usage = _ask(prompt, system)
        except Exception as err:
            print(f"failed: {err}")
            time.sleep(60)
    return answer, usage
