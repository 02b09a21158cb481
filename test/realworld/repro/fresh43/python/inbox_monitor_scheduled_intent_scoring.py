# realworld repro (positive + negative): batchable-fanout -- a monitor class run by a scheduler every half hour
# queries every unscored inbound message, sends one 200-token Claude create per message through a same-file helper
# (short constant system prompt asking for intent and mood as JSON), writes the answers back onto the rows and
# commits once at the end; the helper's catch-all returns a neutral default (no retry), the loop is sequential.
# The model comes from an environment variable; this reproduction defaults it to Haiku so that only the batching
# advice is in question (the source's Sonnet default is an `ignore` for model-routing)
# source: mothejeweler/Personal-Assistant tools/voice_chat/backend/monitors/dm_monitor.py:61
# source: mothejeweler/Personal-Assistant tools/voice_chat/backend/monitors/dm_monitor.py:34
# source: mothejeweler/Personal-Assistant tools/voice_chat/backend/monitors/dm_monitor.py:78
# source: mothejeweler/Personal-Assistant tools/voice_chat/backend/monitors/dm_monitor.py:13
import json
import os

from anthropic import Anthropic

claude = Anthropic()  # expect-not: retries-disabled, hardcoded-api-key
TRIAGE_MODEL = os.getenv("INBOX_TRIAGE_MODEL", "claude-3-5-haiku-latest")


class InboxMonitor:
    def __init__(self, session):
        self.session = session

    def score_pending(self):
        pending = self.session.query_pending_inbound()
        summary = {"scored": 0}
        for note in pending:  # expect-not: naive-retry, unbounded-fanout
            verdict = self._triage(note.body)
            note.intent = verdict.get("intent")
            note.mood = verdict.get("mood")
            if verdict.get("intent") == "wants_quote":
                note.sender.priority += 10
            summary["scored"] += 1
        self.session.commit()
        return summary

    def _triage(self, body: str) -> dict:
        try:
            reply = claude.messages.create(  # expect: batchable-fanout; expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt
                model=TRIAGE_MODEL,
                max_tokens=200,
                system="You sort customer messages for a small ceramics studio. Reply with JSON only: "
                '{"intent": "question|wants_quote|complaint|other", "mood": "happy|neutral|upset"}',
                messages=[{"role": "user", "content": body}],
            )
            return json.loads(reply.content[0].text)
        except Exception as err:  # expect-not: string-matched-error
            print(f"triage failed: {err}")
            return {"intent": "other", "mood": "neutral"}

    def run_cycle(self):
        return self.score_pending()
