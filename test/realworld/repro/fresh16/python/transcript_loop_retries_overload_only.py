# realworld repro (negative): naive-retry, string-matched-error -- a transcript helper's attempt loop around
# messages.create re-sends only when the caught APIError has status 529 (overloaded), a fixed 5 s later; any other
# API error, a 429 included, is logged and re-raised, leaving rate limits to the SDK's own retries; the decision is
# a status test and the error text is only logged; one Sonnet call per transcript, no loop over data
# source: qualm1984/youtube-transcriber utils/claude_utils.py:17
# source: qualm1984/youtube-transcriber utils/claude_utils.py:36
# source: qualm1984/youtube-transcriber utils/claude_utils.py:21
# source: qualm1984/youtube-transcriber utils/claude_utils.py:6
import logging
import time

import anthropic


def notes_from_transcript(key, transcript, tries=3, pause=5):
    client = anthropic.Anthropic(api_key=key)  # expect-not: retries-disabled, hardcoded-api-key
    ask = f"Turn this transcript into markdown notes with a summary and key points.\n{transcript}"
    for attempt in range(tries):  # expect-not: naive-retry
        try:
            msg = client.messages.create(  # expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, batchable-fanout, uncached-prompt
                model="claude-3-sonnet-20240229",
                max_tokens=4000,
                messages=[{"role": "user", "content": ask}],
            )
            return msg.content[0].text
        except anthropic.APIError as e:
            if e.status_code == 529:  # expect-not: string-matched-error
                if attempt < tries - 1:
                    logging.warning("overloaded, again in %ss", pause)
                    time.sleep(pause)
                    continue
                raise
            logging.error("API error: %s", e)
            raise
    raise RuntimeError("no answer after retries")
