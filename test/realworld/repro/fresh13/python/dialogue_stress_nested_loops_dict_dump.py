# realworld repro (positive + negative): batchable-fanout -- a research script at the top level walks every
# dialogue and, inside it, every stressed word, sending one create per word and keeping each answer in a nested
# dict that is dumped to JSON after the loops; look-alikes: an empty api_key placeholder, the instructions inside
# the user turn (no system prompt), no handler
# (corrected by tuneH: each answer is wrapped in a one-entry dict merged into `found` with `.update(...)`, as in the
# original; it had been a single `found.setdefault(...)[...][word] = ...` chain the original does not have)
# source: DanielLin94144/Emphasized-Talk inference_claude.py:43
# source: DanielLin94144/Emphasized-Talk inference_claude.py:10
# source: DanielLin94144/Emphasized-Talk inference_claude.py:9
import json

import anthropic

api = anthropic.Anthropic(  # expect-not: retries-disabled
    api_key="",  # expect-not: hardcoded-api-key
)

ASK = "The stressed word is in quotes. Say in one short sentence what the speaker wants to highlight."

with open("dialogues.json") as fh:
    dialogues = json.load(fh)

found = {}
for history, entry in dialogues.items():
    line = entry["line"]
    for word in entry["stressed"]:
        marked = line.replace(word, f'"{word}"')
        turn = f"[History]: {history}\n[Line]: {marked}\n\n{ASK}"
        reply = api.messages.create(  # expect: batchable-fanout; expect-not: missing-max-tokens, nonstreaming-max-tokens, uncached-prompt, naive-retry
            model="claude-3-haiku-20240307",
            messages=[{"role": "user", "content": turn}],
            max_tokens=300,
        )
        answer = reply.content[0].text
        record = {history: {"line": line, "stressed": {word: answer}}}
        if history in found:
            found[history]["stressed"].update(record[history]["stressed"])
        else:
            found.update(record)

with open("haiku_stress_answers.json", "w") as fh:
    json.dump(found, fh)
