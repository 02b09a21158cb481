# realworld repro (positive + negative): model-routing -- a digest helper loops over the articles it is given and
# sends one Sonnet create per article with a 150-token cap for a two-line summary; look-alike: the handler falls
# back to the article's own blurb instead of re-sending
# source: FranciscoPerezRomero/NewsDigestPython services/summarizer.py:8
from anthropic import Anthropic

from digest_settings import DIGEST_KEY


def add_blurbs(stories):
    api = Anthropic(api_key=DIGEST_KEY)
    for story in stories:
        try:
            reply = api.messages.create(  # expect: model-routing; expect-not: naive-retry, missing-max-tokens, uncached-prompt
                model="claude-sonnet-4-20250514",
                max_tokens=150,
                messages=[{"role": "user", "content": f"Give this story in two short lines: {story['headline']} - {story['lede']}"}],
            )
            story["blurb"] = reply.content[0].text
        except Exception:
            story["blurb"] = story["lede"]
    return stories
