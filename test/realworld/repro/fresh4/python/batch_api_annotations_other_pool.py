# realworld repro (negative): batchable-fanout look-alike -- the Claude annotations already go out as one Message
# Batch; naive-retry look-alike -- a while True poll of batches.retrieve every minute (no error handling, nothing
# re-sent); unbounded-fanout look-alike -- ThreadPoolExecutor(max_workers=len(prompts)) whose tasks call another
# provider (DeepSeek through the OpenAI client), not Claude; missing-max-tokens look-alike -- batch params with
# max_tokens
# source: nicaudinet/llm-debiasing-benchmark lib/annotate_api.py:64
# source: nicaudinet/llm-debiasing-benchmark lib/annotate_api.py:71
# source: nicaudinet/llm-debiasing-benchmark lib/annotate_api.py:126
# source: nicaudinet/llm-debiasing-benchmark lib/annotate_api.py:53
import time
from concurrent.futures import ThreadPoolExecutor, as_completed

import anthropic
from anthropic.types.message_create_params import MessageCreateParamsNonStreaming
from anthropic.types.messages.batch_create_params import Request
from openai import OpenAI


def annotate_with_claude(system, prompts, save):
    client = anthropic.Anthropic()
    requests = [
        Request(
            custom_id=str(i),
            params=MessageCreateParamsNonStreaming(  # expect-not: missing-max-tokens
                model="claude-haiku-4-5",
                max_tokens=64,
                system=system,
                messages=[{"role": "user", "content": text}],
            ),
        )
        for i, text in prompts.items()
    ]
    batch = client.messages.batches.create(requests=requests)  # expect-not: batchable-fanout
    while True:  # expect-not: naive-retry
        state = client.messages.batches.retrieve(batch.id)
        if state.processing_status == "ended":
            break
        time.sleep(60)
    for result in client.messages.batches.results(batch.id):
        if result.result.type == "succeeded":
            save(int(result.custom_id), result.result.message.content[0].text)


def ask_other(system, text):
    client = OpenAI(base_url="https://api.deepseek.com")
    reply = client.chat.completions.create(
        model="deepseek-chat",
        messages=[{"role": "system", "content": system}, {"role": "user", "content": text}],
    )
    return reply.choices[0].message.content


def annotate_with_other(system, prompts, save):
    with ThreadPoolExecutor(max_workers=len(prompts)) as pool:
        futures = {pool.submit(ask_other, system, text): i for i, text in prompts.items()}  # expect-not: unbounded-fanout
        for future in as_completed(futures):
            save(futures[future], future.result())
