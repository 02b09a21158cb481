# realworld repro (negative): a contract-parsing service -- a 40-token connection test on the configured model
# (Opus by default) runs once per admin click, the document parse asks for 16,000 tokens non-streaming on a client
# built with a configured timeout, the short system prompt already carries cache_control, max_retries comes from
# settings (2 by default, the SDK backs off), rate limits and other API errors become the app's own error with an
# HTTP status for the caller, and a refusal is read from stop_reason
# source: MacJediWizard/TimeTracker app/services/claude_service.py:262
# source: MacJediWizard/TimeTracker app/services/claude_service.py:239
# source: MacJediWizard/TimeTracker app/services/claude_service.py:235
import json
from dataclasses import dataclass

import anthropic

CONTRACT_SYSTEM = (
    "Turn the contract below into a project plan: the customer, the project and its dates, and a list of "
    "work items with a short title, a status and a priority. Leave out anything the contract does not say."
)


class ServiceError(Exception):
    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


@dataclass
class Options:
    key: str
    model: str = "claude-opus-4-8"
    timeout: int = 120
    retries: int = 2


class ContractReader:
    def __init__(self, opts: Options):
        self.opts = opts

    def _client(self):
        return anthropic.Anthropic(  # expect-not: hardcoded-api-key
            api_key=self.opts.key,
            timeout=self.opts.timeout,
            max_retries=self.opts.retries,  # expect-not: retries-disabled
        )

    def _send(self, *, system, content, limit: int) -> str:
        client = self._client()
        try:
            reply = client.messages.create(  # expect-not: naive-retry, string-matched-error, missing-max-tokens, nonstreaming-max-tokens, model-routing, batchable-fanout, uncached-prompt, unbounded-fanout
                model=self.opts.model,
                max_tokens=limit,
                system=system,
                messages=[{"role": "user", "content": content}],
            )
        except anthropic.RateLimitError as err:
            raise ServiceError("busy, try again shortly", 429) from err
        except anthropic.APIStatusError as err:
            raise ServiceError("upstream refused", err.status_code or 502) from err
        if reply.stop_reason == "refusal":
            raise ServiceError("declined", 422)
        return next((b.text for b in reply.content if b.type == "text"), "")

    def ping(self) -> str:
        return self._send(system="Confirm briefly.", content="Are you there?", limit=40)

    def read(self, contract: str) -> dict:
        system = [{"type": "text", "text": CONTRACT_SYSTEM, "cache_control": {"type": "ephemeral"}}]
        return json.loads(self._send(system=system, content=f"Contract:\n{contract}", limit=16000))
