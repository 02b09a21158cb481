# realworld repro (negative): batchable-fanout look-alike -- every stored prompt becomes a Request of one
# Message Batch; nothing is sent one by one
# source: gahdritz/smel smel/scripts/anthropic_batch.py:63
import os
import pickle

import anthropic
from anthropic.types.message_create_params import MessageCreateParamsNonStreaming
from anthropic.types.messages.batch_create_params import Request

api = anthropic.Anthropic()

for group in ["towns", "rivers"]:
    queued = []
    folder = f"prompts/{group}"
    for name in os.listdir(folder):
        chats = pickle.load(open(os.path.join(folder, name), "rb"))
        for i, chat in enumerate(chats):
            queued.append(
                Request(
                    custom_id=f"{group}-{i}",
                    params=MessageCreateParamsNonStreaming(
                        model="claude-3-7-sonnet-20250219", max_tokens=1024, messages=chat
                    ),
                )
            )
    job = api.messages.batches.create(requests=queued)  # expect-not: batchable-fanout
    pickle.dump(job, open(f"{group}_job.pickle", "wb"))
