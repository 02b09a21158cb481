# realworld repro (negative): naive-retry -- a helper loops five times around a Sonnet create but re-sends only when
# the error's status is 529 (overloaded) and raises any other error, a 429 included, at once; its caller loops again
# but catches only the requests library's exception, which the SDK never raises; look-alikes: Sonnet at 300 tokens
# once per uploaded CV (model-routing), a numeric status test (string-matched-error)
# source: nzcbass/brindlev10 claude_utils.py:100
# source: nzcbass/brindlev10 claude_utils.py:205
# source: nzcbass/brindlev10 claude_utils.py:111
# source: nzcbass/brindlev10 claude_utils.py:102
# source: nzcbass/brindlev10 claude_utils.py:34
import json
import os
import time

import requests
from anthropic import Anthropic

client = Anthropic(api_key=os.getenv("CLAUDE_KEY"))  # expect-not: retries-disabled, hardcoded-api-key


def ask_for_blurb(prompt: str, tries: int = 5, first_pause: float = 1.0):
    last = None
    for attempt in range(tries):  # expect-not: naive-retry
        try:
            return client.messages.create(  # expect-not: model-routing, batchable-fanout
                model="claude-3-5-sonnet-20241022",
                max_tokens=300,
                messages=[{"role": "user", "content": prompt}],
            )
        except Exception as exc:
            last = exc
            if getattr(exc, "status_code", None) == 529:  # expect-not: string-matched-error
                if attempt < tries - 1:
                    time.sleep(first_pause * (2**attempt))
                    continue
            else:
                raise
    raise last


def enrich_profile(profile_path: str) -> dict:
    try:
        with open(profile_path) as fh:
            profile = json.load(fh)
        prompt = f"Write a two-paragraph summary for {profile.get('name', 'the candidate')}."
        reply = None
        pause = 1.0
        for attempt in range(5):  # expect-not: naive-retry
            try:
                reply = ask_for_blurb(prompt)
                if reply:
                    break
            except requests.exceptions.RequestException as exc:
                print(f"request failed: {exc}")
                time.sleep(pause)
                pause *= 2
        profile["blurb"] = reply.content[0].text
        out = profile_path.replace(".json", "_with_blurb.json")
        with open(out, "w") as fh:
            json.dump(profile, fh)
        return {"path": out}
    except Exception as exc:
        print(f"blurb failed: {exc}")
        return {"path": ""}
