# realworld repro (positive + negative): naive-retry, string-matched-error -- a Vertex-backed client's generate runs
# a three-attempt loop around messages.create; the handler decides retryability with any() over substrings ("rate",
# "overloaded", "429", "503", "timeout") in the lowered str(e) and retries after a doubling 1 s, 2 s, never reading
# retry-after, on a client with the SDK's default retries; look-alikes: a Vertex model id, params built in a dict,
# a system prompt from the caller, and Vertex credentials from the environment
# source: chrismmuc/kx-hub src/llm/claude.py:99
# source: chrismmuc/kx-hub src/llm/claude.py:147
# source: chrismmuc/kx-hub src/llm/claude.py:118
# source: chrismmuc/kx-hub src/llm/claude.py:66
import logging
import os
import time

log = logging.getLogger(__name__)

TRIES = 3


class VertexClaude:
    def __init__(self, model="claude-haiku-4-5@20251001"):
        from anthropic import AnthropicVertex
        self.model = model
        self.api = AnthropicVertex(project_id=os.environ.get("GCP_PROJECT"), region="us-east5")  # expect-not: retries-disabled, hardcoded-api-key

    def generate(self, prompt, max_out=1024, system=None):
        pause = 1.0
        for attempt in range(TRIES):  # expect: naive-retry
            try:
                args = {"model": self.model, "max_tokens": max_out,
                        "messages": [{"role": "user", "content": prompt}]}
                if system:
                    args["system"] = system
                reply = self.api.messages.create(**args)  # expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt, batchable-fanout
                text = "".join(b.text for b in reply.content if hasattr(b, "text"))
                if not text.strip():
                    raise ValueError("empty reply")
                return text
            except Exception as e:
                lowered = str(e).lower()
                transient = any(k in lowered for k in ["rate", "overloaded", "429", "503", "timeout"])  # expect: string-matched-error
                if transient and attempt < TRIES - 1:
                    log.warning("transient error, again in %.0fs: %s", pause, e)
                    time.sleep(pause)
                    pause = min(pause * 2, 30.0)
                else:
                    raise
