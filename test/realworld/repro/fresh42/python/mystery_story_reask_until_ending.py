# realworld repro (negative): naive-retry look-alike -- a story generator re-sends its request in a while True loop
# until the text contains the expected closing sentence (a regex check); no try surrounds the create, so any API
# error, a rate limit included, leaves the loop at once; the params come from a config file through **kwargs
# source: gsheikhi/AI_storyTelling_Bias src/models/claude.py:31
# source: gsheikhi/AI_storyTelling_Bias src/models/claude.py:32
# source: gsheikhi/AI_storyTelling_Bias src/models/claude.py:4
import json
import re

import anthropic

client = anthropic.Anthropic()  # expect-not: retries-disabled, hardcoded-api-key


def write_story(prompt: str, settings: dict) -> str:
    def finished(text: str) -> bool:
        if re.search(r"The thief was (\w+)", text):
            return True
        print("story has no ending yet, asking again")
        return False

    turns = settings["messages"]
    turns[0]["content"][0]["text"] = prompt
    params = {k: v for k, v in settings.items() if k != "messages"}
    while True:  # expect-not: naive-retry
        reply = client.messages.create(  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout
            messages=turns,
            **params,
        )
        story = reply.content[0].text
        if finished(story):
            break
    return story


if __name__ == "__main__":
    with open("config/story_settings.json", encoding="utf-8") as fh:
        print(write_story("Write a short detective story.", json.load(fh)))
