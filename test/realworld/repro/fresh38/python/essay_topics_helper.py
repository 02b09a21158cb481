# realworld repro (module): the helper imported by essay_topics_rows_imported_apply.py -- builds a client per call
# and sends one Claude 3 Haiku request (1,024 tokens, a short fixed system prompt) for one text, parsing the answer
# into topic and reference lists with an empty fallback; no loop, no retry here
# source: kj3moraes/reader pipeline/claude.py:8
import os
from ast import literal_eval

import anthropic

READER_KEY = os.getenv("ANTHROPIC_API_KEY")


def ask_for_topics(essay: str) -> dict:
    client = anthropic.Anthropic(api_key=READER_KEY)  # expect-not: retries-disabled, hardcoded-api-key
    reply = client.messages.create(  # expect-not: batchable-fanout, model-routing, naive-retry
        model="claude-3-haiku-20240307",
        max_tokens=1024,
        system="List the topics and the authors this essay mentions. Answer only with a dict literal "
        "holding the keys 'topics' and 'references'.",
        messages=[{"role": "user", "content": f"Essay:\n{essay}"}],
    )
    try:
        return literal_eval(reply.content[0].text)
    except Exception:
        return {"topics": [], "references": []}
