# realworld repro (negative): a daily briefing module sends two Sonnet 4.6 creates (top-level constant), one with a
# literal max_tokens of 150 for a one-sentence trend note and one with 300 for the summary, each with a constant
# system prompt under 1,000 characters; they run once per day, with no loop over data (the only loop formats lines)
# source: LBB2005/camp-kabeyun-wind claude_summarizer.py:52
# source: LBB2005/camp-kabeyun-wind claude_summarizer.py:95
# source: LBB2005/camp-kabeyun-wind claude_summarizer.py:23
import json
import os

import anthropic

BRIEF_MODEL = "claude-sonnet-4-6"

HARBOUR_SYSTEM = """You write the morning water briefing for a small rowing club on a tidal harbour.
Keep to plain English, three sentences at most, and mention anything that changes who should go out:
wind against tide, fog, gusts above fifteen knots, or a falling barometer."""

TREND_SYSTEM = "You compare recent forecasts with what members reported afterwards."


def _client():
    return anthropic.Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])  # expect-not: retries-disabled, hardcoded-api-key


def trend_note(history):
    if len(history) < 5:
        return ""
    reply = _client().messages.create(  # expect-not: model-routing, batchable-fanout, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt
        model=BRIEF_MODEL,
        max_tokens=150,
        system=TREND_SYSTEM,
        messages=[{"role": "user", "content": "Recent days:\n" + json.dumps(history) + "\nIn one sentence, any bias?"}],
    )
    return reply.content[0].text.strip()


def morning_brief(forecasts, note=""):
    lines = []
    for f in forecasts:
        lines.append(f"{f['source']}: {f['knots']} kn from {f['direction']}")
    reply = _client().messages.create(  # expect-not: model-routing, batchable-fanout, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt
        model=BRIEF_MODEL,
        max_tokens=300,
        system=HARBOUR_SYSTEM,
        messages=[{"role": "user", "content": "\n".join(lines) + (f"\nNote: {note}" if note else "")}],
    )
    return reply.content[0].text.strip()
