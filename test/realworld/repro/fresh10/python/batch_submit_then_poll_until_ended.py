# realworld repro (negative): naive-retry look-alike -- a script submits one Message Batch and then polls its status
# every few seconds until it has ended; the loop waits for the batch, it does not re-send a failed request
# source: yzyydev/batch_processing claude/claude_batchProcessing.py:66
# source: yzyydev/batch_processing claude/claude_batchProcessing.py:25
import time

import anthropic

client = anthropic.Anthropic()

batch = client.messages.batches.create(
    requests=[
        {
            "custom_id": "greeting-1",
            "params": {  # expect-not: missing-max-tokens
                "model": "claude-haiku-4-5",
                "max_tokens": 512,
                "messages": [{"role": "user", "content": "Say hello in French."}],
            },
        }
    ]
)

while True:  # expect-not: naive-retry
    state = client.messages.batches.retrieve(batch.id).processing_status
    if state == "ended":
        break
    time.sleep(10)

for item in client.messages.batches.results(batch.id):
    print(item.custom_id, item.result.type)
