# realworld repro (positive + negative): naive-retry -- @backoff.on_exception(backoff.expo, RateLimitError) with
# no limit on tries or time, retry-after never read; uncached-prompt, batchable-fanout -- an offline benchmark
# script (__main__) sends a ~5,700-character guide as an uncached system prompt with every input sentence and appends
# each result to a JSONL file one hop above the call; unbounded-fanout look-alike -- a pool sized by --threads
# source: kharvd/wnut17-llm-bench run_anthropic.py:151
# source: kharvd/wnut17-llm-bench run_anthropic.py:157
# source: kharvd/wnut17-llm-bench run_anthropic.py:208
import argparse
import json
import sys
from concurrent.futures import ThreadPoolExecutor, as_completed

import anthropic
import backoff
from anthropic import RateLimitError

client = anthropic.Anthropic()

GUIDE = """\
You read one short social-media post and list the named things in it that belong to the categories below.

## Animal species
Mark the common or scientific name of a kind of animal. Keep inner punctuation. Do not mark generic words or pronouns that only point at one.

Examples:
  * "We talked about **red fox** all evening" - correct, red fox is a animal species name
  * "We talked about **Vulpes vulpes** all evening" - correct, Vulpes vulpes is a animal species name
  * "We talked about **barn owl** all evening" - correct, barn owl is a animal species name
  * "I keep thinking about the dog next door" - not marked, "the dog next door" is not a name
  * "I keep thinking about some birds" - not marked, "some birds" is not a name
If the word is used as something else in the post (a person, a company, a place), do not mark it as a animal species. When unsure, leave it out; a missed name costs less than a wrong one.

## River
Mark the proper name of a river or stream. Keep inner punctuation. Do not mark generic words or pronouns that only point at one.

Examples:
  * "We talked about **the Danube** all evening" - correct, the Danube is a river name
  * "We talked about **Rio Negro** all evening" - correct, Rio Negro is a river name
  * "We talked about **Thames** all evening" - correct, Thames is a river name
  * "I keep thinking about the river" - not marked, "the river" is not a name
  * "I keep thinking about a stream behind the school" - not marked, "a stream behind the school" is not a name
If the word is used as something else in the post (a person, a company, a place), do not mark it as a river. When unsure, leave it out; a missed name costs less than a wrong one.

## Mountain
Mark the proper name of a peak or range. Keep inner punctuation. Do not mark generic words or pronouns that only point at one.

Examples:
  * "We talked about **Mont Blanc** all evening" - correct, Mont Blanc is a mountain name
  * "We talked about **the Andes** all evening" - correct, the Andes is a mountain name
  * "We talked about **Kilimanjaro** all evening" - correct, Kilimanjaro is a mountain name
  * "I keep thinking about that hill" - not marked, "that hill" is not a name
  * "I keep thinking about the mountains up north" - not marked, "the mountains up north" is not a name
If the word is used as something else in the post (a person, a company, a place), do not mark it as a mountain. When unsure, leave it out; a missed name costs less than a wrong one.

## Dish
Mark the name of a particular dish or recipe. Keep inner punctuation. Do not mark generic words or pronouns that only point at one.

Examples:
  * "We talked about **pad thai** all evening" - correct, pad thai is a dish name
  * "We talked about **shakshuka** all evening" - correct, shakshuka is a dish name
  * "We talked about **beef wellington** all evening" - correct, beef wellington is a dish name
  * "I keep thinking about dinner" - not marked, "dinner" is not a name
  * "I keep thinking about something spicy" - not marked, "something spicy" is not a name
If the word is used as something else in the post (a person, a company, a place), do not mark it as a dish. When unsure, leave it out; a missed name costs less than a wrong one.

## Instrument
Mark the name of a kind of musical instrument. Keep inner punctuation. Do not mark generic words or pronouns that only point at one.

Examples:
  * "We talked about **theremin** all evening" - correct, theremin is a instrument name
  * "We talked about **oud** all evening" - correct, oud is a instrument name
  * "We talked about **glockenspiel** all evening" - correct, glockenspiel is a instrument name
  * "I keep thinking about music" - not marked, "music" is not a name
  * "I keep thinking about the band's gear" - not marked, "the band's gear" is not a name
If the word is used as something else in the post (a person, a company, a place), do not mark it as a instrument. When unsure, leave it out; a missed name costs less than a wrong one.

## Festival
Mark the proper name of a recurring festival or fair. Keep inner punctuation. Do not mark generic words or pronouns that only point at one.

Examples:
  * "We talked about **Diwali** all evening" - correct, Diwali is a festival name
  * "We talked about **Oktoberfest** all evening" - correct, Oktoberfest is a festival name
  * "We talked about **Burning Man** all evening" - correct, Burning Man is a festival name
  * "I keep thinking about the party" - not marked, "the party" is not a name
  * "I keep thinking about a holiday" - not marked, "a holiday" is not a name
If the word is used as something else in the post (a person, a company, a place), do not mark it as a festival. When unsure, leave it out; a missed name costs less than a wrong one.


## Edge cases
  * Hashtags: mark the name inside a hashtag only when the hashtag is the name itself, as in #Oktoberfest; leave #foodie alone.
  * Misspellings: mark a misspelt name as written ("Kilimanjaroo") when the post clearly means it.
  * Nicknames: mark a widely used nickname for a river, mountain or festival, but not a private one.
  * Lists: when a post lists several names, mark each of them on its own.
  * Quotes: names inside quoted speech are marked like any other.
  * Possessives: mark the name without the trailing 's.
  * Capitals: posts are often all lower case; judge by meaning, not by capital letters.
  * Emoji: ignore emoji, even when they stand for an animal or a dish.
  * Links: do not mark words inside a URL.
  * Repeats: if the same name appears twice, list it twice.

# Output
Return JSON only, shaped like {"entities": [{"text": "...", "category": "..."}]}. No markdown, no commentary, no trailing text."""


@backoff.on_exception(  # expect: naive-retry
    backoff.expo,
    RateLimitError,
)
def tag_post(post, model):
    reply = client.messages.create(  # expect: uncached-prompt, batchable-fanout
        model=model,
        max_tokens=1000,
        temperature=0,
        system=GUIDE,
        messages=[{"role": "user", "content": [{"type": "text", "text": f"<post>\n{post}\n</post>"}]}],
    )
    try:
        found = json.loads(reply.content[0].text)["entities"]
    except Exception:
        found = []
    return {"post": post, "entities": found}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="claude-3-opus-20240229")
    parser.add_argument("--out", required=True)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    posts = [json.loads(line)["post"] for line in sys.stdin]
    with ThreadPoolExecutor(max_workers=args.threads) as pool:
        futures = [pool.submit(tag_post, p, args.model) for p in posts]  # expect-not: unbounded-fanout
        for fut in as_completed(futures):
            with open(args.out, "a+") as fh:
                fh.write(json.dumps(fut.result()) + "\n")


if __name__ == "__main__":
    main()
