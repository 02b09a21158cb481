# realworld repro (negative): retries-disabled, naive-retry, uncached-prompt -- a measurement harness's Claude client
# extends an imported base class and builds its SDK client with max_retries=0 under a comment saying the base class
# retries throttled calls itself; the send method maps RateLimitError and overloads to the harness's transient error
# carrying the retry-after seconds (no loop here), the system block already carries cache_control, and the model
# under test is a constructor argument
# source: Danielkgr/Contract-clause-classifier utils/anthropic_client.py:98
# source: Danielkgr/Contract-clause-classifier utils/anthropic_client.py:149
# source: Danielkgr/Contract-clause-classifier utils/anthropic_client.py:144
import anthropic

from harness.base import Answer, HardFailure, Harness, SoftFailure
from harness.text import instructions, wrap


def _wait_hint(exc):
    try:
        return float(exc.response.headers.get("retry-after", ""))
    except ValueError:
        return None


class ClaudeUnderTest(Harness):
    def __init__(self, model="claude-opus-5-5", *, key=None, cap=2048, **opts):
        super().__init__(model, cap, **opts)
        # The Harness base class retries throttled calls itself, so the SDK's
        # retries stay off and each timing covers exactly one attempt.
        self.api = anthropic.Anthropic(api_key=key, max_retries=0)  # expect-not: retries-disabled, hardcoded-api-key

    def send(self, passage, labels):
        try:
            msg = self.api.messages.create(  # expect-not: batchable-fanout, model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt
                model=self.model,
                max_tokens=self.cap,
                system=[{"type": "text", "text": instructions(labels), "cache_control": {"type": "ephemeral"}}],
                messages=[{"role": "user", "content": wrap(passage)}],
            )
        except anthropic.AuthenticationError as exc:
            raise HardFailure(str(exc)) from exc
        except anthropic.RateLimitError as exc:  # expect-not: naive-retry, string-matched-error
            raise SoftFailure("throttled", _wait_hint(exc)) from exc
        except anthropic.InternalServerError as exc:
            raise SoftFailure("server", _wait_hint(exc)) from exc
        return Answer("".join(b.text for b in msg.content if b.type == "text"))
