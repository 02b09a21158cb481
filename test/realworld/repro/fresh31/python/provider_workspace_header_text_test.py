# realworld repro (negative): string-matched-error -- a demo provider builds its client per call, sends one create
# with a cached block for a stable prefix, and tests a bad-request error's text for the workspace-id header an
# identity-linked key needs (not rate-limit wording); auth errors become app errors; Haiku by default, 2,048 tokens
# source: JKasteele/ai-act-companion app/llm/anthropic_provider.py:89
# source: JKasteele/ai-act-companion app/llm/anthropic_provider.py:79
# source: JKasteele/ai-act-companion app/llm/anthropic_provider.py:59
import anthropic


class DemoProvider:
    def __init__(self, model: str = "claude-haiku-4-5", workspace: str | None = None):
        self.model = model
        self.workspace = workspace

    def draft(self, system: str, stable: str, question: str) -> str:
        headers = {"anthropic-workspace-id": self.workspace} if self.workspace else None
        client = anthropic.Anthropic(default_headers=headers)  # expect-not: retries-disabled, hardcoded-api-key
        blocks = [
            {"type": "text", "text": system},
            {"type": "text", "text": stable, "cache_control": {"type": "ephemeral"}},
        ]
        try:
            reply = client.messages.create(  # expect-not: naive-retry, missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout
                model=self.model,
                max_tokens=2048,
                system=blocks,
                messages=[{"role": "user", "content": question}],
            )
        except anthropic.AuthenticationError as err:
            raise RuntimeError("key rejected") from err
        except anthropic.BadRequestError as err:
            if "anthropic-workspace-id" in str(err):  # expect-not: string-matched-error
                raise RuntimeError("set the workspace id for this key") from err
            raise
        return "".join(block.text for block in reply.content if block.type == "text")
