# realworld repro (positive + negative): batchable-fanout, model-routing -- an offline script loops over every town
# and every cafe without a blurb, calls a same-file helper that builds a default client and sends one literal Sonnet 4
# create with a literal max_tokens of 100 for a short blurb, stores the text in the cafe dict and dumps the JSON data
# file; look-alikes: the helper's catch-all prints and returns None (template fallback, no retry), no system prompt,
# a half-second sleep between cafes
# source: yaschroth/nomadcompass scripts/generate_descriptions.py:59
# source: yaschroth/nomadcompass scripts/generate_descriptions.py:65
# source: yaschroth/nomadcompass scripts/generate_descriptions.py:41
import json
import time

import anthropic


def blurb_for(cafe, town):
    client = anthropic.Anthropic()  # expect-not: retries-disabled
    ask = (
        f"Write one short sentence (under 20 words) inviting people to {cafe['name']}, "
        f"a {cafe['style']} cafe in {town}. Mention what it is known for. Reply with the sentence only."
    )
    try:
        reply = client.messages.create(  # expect: batchable-fanout, model-routing; expect-not: missing-max-tokens, nonstreaming-max-tokens, uncached-prompt, unbounded-fanout
            model="claude-sonnet-4-20250514",
            max_tokens=100,
            messages=[{"role": "user", "content": ask}],
        )
        return reply.content[0].text.strip()
    except Exception as err:  # expect-not: naive-retry, string-matched-error
        print(f"  failed: {err}")
        return None


def fill(towns):
    for town, cafes in towns.items():
        for cafe in cafes:
            if cafe.get("blurb"):
                continue
            text = blurb_for(cafe, town)
            cafe["blurb"] = text or f"A {cafe['style']} favourite in {town}."
            time.sleep(0.5)


def main():
    with open("data/cafes_raw.json", encoding="utf-8") as fh:
        towns = json.load(fh)
    fill(towns)
    with open("data/cafes.json", "w", encoding="utf-8") as fh:
        json.dump(towns, fh, indent=2, ensure_ascii=False)


if __name__ == "__main__":
    main()
