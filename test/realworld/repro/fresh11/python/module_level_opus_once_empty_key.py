# realworld repro (negative): model-routing, hardcoded-api-key and batchable-fanout look-alikes -- a script sends
# one Opus request with max_tokens 150 for a small JSON judgement of a single hard-coded prompt (no loop over
# data) on a client built with an empty api_key placeholder, and writes the answer to a JSON file
# source: SirMalamute/MultimodalEvals claude_api.py:11
# source: SirMalamute/MultimodalEvals claude_api.py:8
import json

from anthropic import Anthropic

caption = "two bicycles leaning on a red fence beside a lake at dusk"

client = Anthropic(
    api_key="",  # expect-not: hardcoded-api-key
)

reply = client.messages.create(  # expect-not: model-routing, batchable-fanout, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt
    max_tokens=150,
    messages=[
        {
            "role": "user",
            "content": "Say in JSON whether this image caption names its objects, colours and setting clearly "
            "(true) or leaves them open (false). Caption: " + caption,
        }
    ],
    model="claude-3-opus-20240229",
)

with open("judgement.json", "w") as out:
    json.dump(json.loads(reply.content[0].text), out, indent=2)
