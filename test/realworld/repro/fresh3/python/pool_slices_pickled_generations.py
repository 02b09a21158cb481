# realworld repro (positive + negative): batchable-fanout -- offline data generation: one messages.create per
# instruction through a process pool, slice by slice, the collected completions pickled after every slice;
# look-alikes -- the pool's starmap takes one slice of eight at a time (not every instruction at once), and the
# per-item except returns the error text instead of re-sending
# source: billxbf/next-r1 api/anthropic_api.py:37
# source: billxbf/next-r1 api/anthropic_api.py:108
# source: billxbf/next-r1 api/anthropic_api.py:61
import multiprocessing
import os
import pickle
from itertools import repeat

import anthropic


def solve_one(instruction, model="claude-3-7-sonnet-20250219", max_tokens=4096):
    api = anthropic.Anthropic(api_key=os.getenv("ANTHROPIC_API_KEY"))
    try:
        reply = api.messages.create(  # expect: batchable-fanout
            model=model,
            max_tokens=max_tokens,
            messages=[{"role": "user", "content": instruction}],
        )
        return [{"instruction": instruction, "completion": reply.content[0].text}]
    except Exception as exc:  # expect-not: naive-retry
        return [{"instruction": instruction, "completion": f"Error: {exc}"}]


def solve_all(instructions, slice_size=8, model="claude-3-7-sonnet-20250219", max_tokens=4096):
    done = []
    with multiprocessing.Pool() as pool:
        for start in range(0, len(instructions), slice_size):
            part = instructions[start : start + slice_size]
            rows = pool.starmap(solve_one, zip(part, repeat(model), repeat(max_tokens)))  # expect-not: unbounded-fanout
            done.extend(row for chunk in rows for row in chunk)
            with open("generations.pkl", "wb") as fh:
                pickle.dump(done, fh)
    return done
