# realworld repro (positive + negative): string-matched-error -- a service method's catch-all around a Sonnet create
# copies str(e) into a local and decides the failure is a rate limit by testing it for "429" / "rate limit" to pick
# the message shown to the user; look-alikes: the overload ("529") and authentication ("401") text tests beside it,
# no loop anywhere (the handler returns a failure dict), a client with default retries
# source: sergi039/idealista-tracker-ai services/anthropic_service.py:239
# source: sergi039/idealista-tracker-ai services/anthropic_service.py:235
# source: sergi039/idealista-tracker-ai services/anthropic_service.py:237
# source: sergi039/idealista-tracker-ai services/anthropic_service.py:195
# source: sergi039/idealista-tracker-ai services/anthropic_service.py:34
import json
import logging
import os

from anthropic import Anthropic

log = logging.getLogger(__name__)

REPORT_MODEL = "claude-3-5-sonnet-20241022"


class ListingReporter:
    def __init__(self):
        self.client = Anthropic(api_key=os.environ.get("LISTING_CLAUDE_KEY"))  # expect-not: retries-disabled, hardcoded-api-key

    def report(self, listing_text):
        try:
            reply = self.client.messages.create(  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, naive-retry
                model=REPORT_MODEL,
                max_tokens=1500,
                messages=[{"role": "user", "content": f"Assess this listing as JSON:\n{listing_text}"}],
            )
            return {"report": json.loads(reply.content[0].text), "status": "ok"}
        except Exception as e:
            detail = str(e)
            log.error("report failed: %s", detail)
            if "529" in detail or "overloaded" in detail.lower():  # expect-not: string-matched-error
                shown = "The assistant is busy right now, try again in a few minutes."
            elif "401" in detail or "unauthorized" in detail.lower():  # expect-not: string-matched-error
                shown = "The assistant key is not configured correctly."
            elif "429" in detail or "rate limit" in detail.lower():  # expect: string-matched-error
                shown = "Too many reports at once, wait a moment."
            else:
                shown = "The assistant is unavailable."
            return {"error": shown, "status": "failed"}
