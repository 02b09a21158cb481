# realworld repro (positive + negative): batchable-fanout -- a digest script run on a schedule collects the day's
# feed links, sends one Haiku create per article through a same-file helper (which builds its own client), and
# writes every summary to a dated markdown file; look-alikes: the per-link handler prints and moves on (no
# re-send), Haiku already, a sequential loop
# source: mechanicalgirl/ai-news-summarizer digest.py:129
# source: mechanicalgirl/ai-news-summarizer digest.py:149
# source: mechanicalgirl/ai-news-summarizer digest.py:127
import os
from datetime import date

import anthropic
import feedparser
import requests

FEEDS = ["https://example.org/a.xml", "https://example.org/b.xml"]


def todays_links():
    links = []
    for feed in FEEDS:
        for entry in feedparser.parse(feed).entries:
            links.append((entry.link, entry.title))
    return links


def condense(body):
    api = anthropic.Anthropic(api_key=os.environ["DIGEST_KEY"])  # expect-not: retries-disabled, hardcoded-api-key
    out = api.messages.create(  # expect: batchable-fanout; expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt
        model="claude-haiku-4-5-20251001",
        max_tokens=500,
        messages=[{"role": "user", "content": f"Give the gist of this post in one short paragraph:\n\n{body[:8000]}"}],
    )
    return out.content[0].text


def main():
    notes = []
    for link, title in todays_links():  # expect-not: naive-retry, unbounded-fanout
        try:
            page = requests.get(link, timeout=20).text
            notes.append({"link": link, "title": title, "gist": condense(page)})
        except Exception as err:
            print(f"skipped {link}: {err}")

    stamp = date.today().isoformat()
    os.makedirs("digests", exist_ok=True)
    with open(f"digests/{stamp}.md", "w") as md:
        md.write(f"# Reading list {stamp}\n\n")
        for note in notes:
            md.write(f"## {note['title']}\n\n{note['link']}\n\n{note['gist']}\n\n")


if __name__ == "__main__":
    main()
