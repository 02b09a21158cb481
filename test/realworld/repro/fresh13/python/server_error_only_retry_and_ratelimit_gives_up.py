# realworld repro (negative): naive-retry, string-matched-error and hardcoded-api-key look-alikes -- a prover client
# loops three times around create with a doubling wait but catches only InternalServerError (5xx), leaving rate
# limits to the SDK; an advisor function catches RateLimitError, logs 'retry next cycle' and returns None (no loop,
# no re-send); its setup hint prints an 'sk-ant-...' placeholder
# source: josojo/smarthammer hammer/api/claude/client.py:24
# source: jeandregreyling/swarm utils/claude_api.py:148
# source: jeandregreyling/swarm utils/claude_api.py:175
# source: jeandregreyling/swarm utils/claude_api.py:122
import logging
import os
import time

import anthropic

log = logging.getLogger("advisor")


class ProverClient:
    def __init__(self):
        self.api = anthropic.Anthropic(api_key=os.getenv("PROVER_KEY"))

    def send(self, text: str) -> str:
        delay = 1
        for attempt in range(3):  # expect-not: naive-retry
            try:
                out = self.api.messages.create(  # expect-not: missing-max-tokens, model-routing, uncached-prompt, batchable-fanout
                    model="claude-sonnet-4-5",
                    max_tokens=1024,
                    messages=[{"role": "user", "content": text}],
                )
                return out.content[0].text
            except anthropic.InternalServerError:
                if attempt == 2:
                    raise
                time.sleep(delay)
                delay *= 2
        return ""


def advise(topic: str, question: str):
    key = os.environ.get("ANTHROPIC_API_KEY", "")
    if not key:
        log.error("ANTHROPIC_API_KEY missing; export ANTHROPIC_API_KEY='sk-ant-...'")  # expect-not: hardcoded-api-key
        return None
    try:
        api = anthropic.Anthropic(api_key=key)
        res = api.messages.create(  # expect-not: naive-retry, missing-max-tokens, model-routing, uncached-prompt, batchable-fanout
            model="claude-sonnet-4-6",
            max_tokens=1024,
            messages=[{"role": "user", "content": f"Topic: {topic}\nQuestion: {question}"}],
        )
        return res.content[0].text
    except anthropic.AuthenticationError:
        log.error("bad key")
        return None
    except anthropic.RateLimitError:  # expect-not: string-matched-error
        log.error("rate limited; retry next cycle")
        return None
    except Exception as err:
        log.error(f"advisor failed: {err}")
        return None
