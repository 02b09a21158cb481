# realworld repro (positive + negative): naive-retry -- a code-audit client class keeps a default Anthropic
# client and sends one Opus request per call inside a three-attempt loop; on RateLimitError it sleeps 5 s,
# doubles the wait and goes round again, never reading retry-after (the SDK still retries underneath), and any
# other error is re-raised; look-alikes: the class-based rate-limit test, a 4,000-token non-streaming request,
# a one-sentence system prompt, a key handed in and compared with a test placeholder
# source: fujiokayu/grepIntel src/llm/claude_client.py:64
# source: fujiokayu/grepIntel src/llm/claude_client.py:79
# source: fujiokayu/grepIntel src/llm/claude_client.py:38
# source: fujiokayu/grepIntel src/llm/claude_client.py:71
import logging
import os
import time

import anthropic

log = logging.getLogger("auditor")


class AuditModel:
    def __init__(self, key: str, model: str = "claude-3-opus-20240229"):
        self.key = key
        self.model = model
        self.client = anthropic.Anthropic(api_key=key)  # expect-not: retries-disabled, hardcoded-api-key

    def review(self, source_text: str, max_tokens: int = 4000) -> str:
        tries = 3
        pause = 5

        for attempt in range(tries):  # expect: naive-retry
            try:
                if self.key == "offline_key" and not os.environ.get("PYTEST_CURRENT_TEST"):  # expect-not: hardcoded-api-key
                    return "offline review"

                reply = self.client.messages.create(  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
                    model=self.model,
                    system="You review source files for injection and access-control flaws.",
                    max_tokens=max_tokens,
                    messages=[{"role": "user", "content": source_text}],
                    temperature=0.1,
                )
                return reply.content[0].text

            except anthropic.RateLimitError:  # expect-not: string-matched-error
                if attempt < tries - 1:
                    log.warning("rate limited, sleeping %ss", pause)
                    time.sleep(pause)
                    pause *= 2
                else:
                    raise

            except Exception as exc:
                log.error("review failed: %s", exc)
                raise
