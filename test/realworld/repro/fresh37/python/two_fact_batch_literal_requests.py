# realworld repro (negative): model-routing + batchable-fanout -- a Message Batches submission of two literal
# requests, one of them Sonnet at 100 tokens; already batched, and a literal pair rather than a loop over data
# source: NileZhou/DenseHub LLM-Models/Anthropic-Series/test_model.py:11
# source: NileZhou/DenseHub LLM-Models/Anthropic-Series/test_model.py:28
# source: NileZhou/DenseHub LLM-Models/Anthropic-Series/test_model.py:6
import os

import anthropic
import httpx

client = anthropic.Anthropic(  # expect-not: retries-disabled
    api_key=os.environ.get("ANTHROPIC_API_KEY"),
    http_client=httpx.Client(proxy="http://127.0.0.1:8118"),
)

submitted = client.beta.messages.batches.create(  # expect-not: batchable-fanout
    requests=[
        {
            "custom_id": "fact-rivers",
            "params": {
                "model": "claude-haiku-4-5",
                "max_tokens": 100,
                "messages": [{"role": "user", "content": "One short fact about rivers, please."}],
            },
        },
        {
            "custom_id": "fact-owls",
            "params": {  # expect-not: model-routing, missing-max-tokens
                "model": "claude-sonnet-4-5",
                "max_tokens": 100,
                "messages": [{"role": "user", "content": "One short fact about owls, please."}],
            },
        },
    ]
)
print(submitted.id)
