# realworld repro (positive): batchable-fanout -- a research script run from __main__ loops over the configured models,
# every poem file of a corpus folder and three prompt kinds; each step calls a same-file function that calls another
# that sends one create (model and max_tokens from the imported settings) and times it; the answer and the whole
# completion JSON are written to per-poem files, and the response time only goes to a side table saved as TSV (no
# statistic over it), so the answers are the point
# source: pruizf/pp8 src/anthropic_client.py:65
import json
import os
import time

import anthropic
import pandas as pd

import settings as st
import templates as tp


def ask_claude(client, model, prompt):
    started = time.time()
    reply = client.messages.create(  # expect: batchable-fanout; expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt
        model=model,
        max_tokens=st.claude["max_tokens"],
        messages=[{"role": "user", "content": prompt}],
        temperature=st.claude["temperature"],
    )
    elapsed_ms = 1000 * (time.time() - started)
    return reply, reply.content[0].text, elapsed_ms


def save_answer(model, poem_file, kind, text, reply):
    stem = poem_file.replace(".txt", "")
    folder = os.path.join(st.out_dir, model)
    with open(os.path.join(folder, f"{kind}_{stem}.txt"), "w") as fh:
        fh.write(text)
    with open(os.path.join(folder, f"full_{kind}_{stem}.json"), "w") as fh:
        json.dump(json.loads(reply.model_dump_json()), fh, indent=2)


def run_kind(client, model, poem_file, poem, kind, timings):
    prompt = tp.instructions[kind] + "\n\n" + poem
    reply, text, elapsed_ms = ask_claude(client, model, prompt)
    save_answer(model, poem_file, kind, text, reply)
    timings.append({"poem": poem_file, "model": model, "kind": kind, "ms": elapsed_ms})


if __name__ == "__main__":
    client = anthropic.Anthropic(api_key=os.getenv("ANTHROPIC_API_KEY"))  # expect-not: retries-disabled, hardcoded-api-key
    timings = []
    for model in st.claude_models:
        for poem_file in sorted(os.listdir(st.corpus_dir)):
            with open(os.path.join(st.corpus_dir, poem_file)) as fh:
                poem = fh.read()
            for kind in st.prompt_kinds:
                run_kind(client, model, poem_file, poem, kind, timings)
            time.sleep(2)
    pd.DataFrame(timings).to_csv(st.timing_table, sep="\t", index=False)
