# realworld repro (positive + negative): hardcoded-api-key -- a committed test script builds its client with a
# complete Anthropic-format key written in the constructor, then sends one Opus request analysing a whole CSV
# log; look-alikes: a single open-ended analysis at 1,024 tokens, no loop
# source: jonfodi/chitchat backend/scripts/test_prompts.py:4
# source: jonfodi/chitchat backend/scripts/test_prompts.py:11
import anthropic
import pandas as pd

api = anthropic.Anthropic(api_key="sk-ant-api03-FAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEAA")  # expect: hardcoded-api-key; expect-not: retries-disabled

frame = pd.read_csv("../telemetry/battery_20250102.csv")
table = frame.to_string()

reply = api.messages.create(  # expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, batchable-fanout, uncached-prompt
    model="claude-opus-4-20250514",
    max_tokens=1024,
    messages=[
        {
            "role": "user",
            "content": [{"type": "text", "text": f"Battery log below.\n\n{table}\n\nWhat stands out?"}],
        }
    ],
)
print(reply.content[0].text)
