# realworld repro (negative): naive-retry -- a wrapper's two-pass loop re-asks only when the reply is not valid JSON;
# the create is outside any try, so an API error (a 429 included) escapes on the first pass and is left to the
# SDK's own retries; model, system and max_tokens all come from the caller or the constructor
# source: JeffMboya/contact-enrichment-pipeline pipeline/llm.py:40
# source: JeffMboya/contact-enrichment-pipeline pipeline/llm.py:41
# source: JeffMboya/contact-enrichment-pipeline pipeline/llm.py:22
import json

import anthropic


class SchemaAsker:
    def __init__(self, max_tokens=1024):
        self.max_tokens = max_tokens
        self.client = anthropic.Anthropic()  # expect-not: retries-disabled, hardcoded-api-key

    def ask(self, model, system, user, schema):
        problem = None
        for _ in range(2):  # expect-not: naive-retry
            reply = self.client.messages.create(  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, string-matched-error
                model=model,
                max_tokens=self.max_tokens,
                system=system,
                messages=[{"role": "user", "content": user}],
                output_config={"format": {"type": "json_schema", "schema": schema}},
            )
            body = next((b.text for b in reply.content if b.type == "text"), "")
            try:
                return json.loads(body)
            except json.JSONDecodeError as exc:
                problem = exc
        raise ValueError(f"no valid JSON after a second ask: {problem}")
