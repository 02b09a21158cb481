# realworld repro (negative): batchable-fanout, naive-retry and string-matched-error -- a script sends its
# prompts through the Message Batches API by default (polling until the batch ends) and has a --direct path
# with one create per prompt; that loop logs failures and moves on, stopping only on a bad key found from
# the error text
# source: Amal-AK/code_generation_and_prompts claude_inference.py:337
# source: Amal-AK/code_generation_and_prompts claude_inference.py:335
# source: Amal-AK/code_generation_and_prompts claude_inference.py:350
# source: Amal-AK/code_generation_and_prompts claude_inference.py:297
import argparse
import json
import time

import anthropic

client = anthropic.Anthropic()


def via_batch(prompts, model, limit):
    reqs = [
        {"custom_id": key, "params": {"model": model, "max_tokens": limit, "messages": [{"role": "user", "content": text}]}}
        for key, text in prompts.items()
    ]
    job = client.messages.batches.create(requests=reqs)
    while True:  # expect-not: naive-retry
        job = client.messages.batches.retrieve(job.id)
        if job.processing_status == "ended":
            break
        time.sleep(30)
    out = {}
    for item in client.messages.batches.results(job.id):
        ok = item.result.type == "succeeded"
        out[item.custom_id] = item.result.message.content[0].text if ok else ""
    return out


def one_by_one(prompts, model, limit):
    out = {}
    for key, text in prompts.items():  # expect-not: naive-retry
        try:
            reply = client.messages.create(  # expect-not: batchable-fanout
                model=model,
                max_tokens=limit,
                messages=[{"role": "user", "content": text}],
            )
            out[key] = reply.content[0].text
        except Exception as err:
            msg = str(err)
            if "401" in msg or "invalid_api_key" in msg:  # expect-not: string-matched-error
                raise RuntimeError("check ANTHROPIC_API_KEY") from err
            out[key] = ""
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--direct", action="store_true")
    args = parser.parse_args()
    with open("tasks.jsonl") as f:
        prompts = {str(i): json.loads(line)["prompt"] for i, line in enumerate(f)}
    run = one_by_one if args.direct else via_batch
    answers = run(prompts, "claude-sonnet-4-5", 2048)
    with open("answers.json", "w") as out:
        json.dump(answers, out)


if __name__ == "__main__":
    main()
