# realworld repro (negative): batchable-fanout -- the direct df.apply path of a script that already sends
# the same rows through messages.batches.create and saves only the batch results
# source: diegobus/PathwayQA run_claude.py:48
import anthropic
import pandas as pd
from anthropic.types.message_create_params import MessageCreateParamsNonStreaming
from anthropic.types.messages.batch_create_params import Request

api = anthropic.Anthropic()
frame = pd.read_csv("reactions.csv")


def list_products(prompt):
    reply = api.messages.create(  # expect-not: batchable-fanout
        model="claude-haiku-4-5",
        max_tokens=1024,
        temperature=0.0,
        system="List only the products.",
        messages=[{"role": "user", "content": prompt}],
    )
    return reply.content[0].text


frame["products"] = frame["prompt"].apply(list_products)
print(frame["products"].head())

jobs = [
    Request(
        custom_id=str(row["reaction_id"]),
        params=MessageCreateParamsNonStreaming(
            model="claude-haiku-4-5",
            max_tokens=1024,
            system="List only the products.",
            messages=[{"role": "user", "content": row["prompt"]}],
        ),
    )
    for _, row in frame.iterrows()
]
job = api.messages.batches.create(requests=jobs)
print(api.messages.batches.retrieve(job.id).processing_status)

found = {}
for item in api.messages.batches.results(job.id):
    if item.result.type == "succeeded":
        found[item.custom_id] = "".join(b.text for b in item.result.message.content if b.type == "text")
frame["products"] = frame["reaction_id"].astype(str).map(found)
frame.to_csv("products_out.csv", index=False)
