# realworld repro (negative): a tie-breaker sends one 5-token vision create per webcam frame the local detector is
# unsure about, on a model from the constructor, and tests the one-word answer with substring checks (not an error
# text); no error handling, no retry, a default client built only when the key is in the environment
# source: aryanaprasad2007-sudo/wrproj src/claude_judge.py:44
# source: aryanaprasad2007-sudo/wrproj src/claude_judge.py:65
# source: aryanaprasad2007-sudo/wrproj src/claude_judge.py:22
import base64
import os

try:
    import anthropic
except Exception:
    anthropic = None


class FrameReferee:
    def __init__(self, model: str, rule: str):
        self.model = model
        self.rule = rule
        self.client = None
        if anthropic is not None and os.environ.get("ANTHROPIC_API_KEY"):
            self.client = anthropic.Anthropic()  # expect-not: retries-disabled, hardcoded-api-key

    def decide(self, jpeg_bytes: bytes) -> str:
        if self.client is None:
            return "unsure"
        data = base64.standard_b64encode(jpeg_bytes).decode("utf-8")
        question = f"My rule:\n{self.rule}\n\nReply with one word: 'focused', 'idle' or 'unsure'."
        reply = self.client.messages.create(  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout, naive-retry
            model=self.model,
            max_tokens=5,
            messages=[
                {
                    "role": "user",
                    "content": [
                        {"type": "image", "source": {"type": "base64", "media_type": "image/jpeg", "data": data}},
                        {"type": "text", "text": question},
                    ],
                }
            ],
        )
        word = reply.content[0].text.strip().lower()
        if "idle" in word:  # expect-not: string-matched-error
            return "idle"
        if "focused" in word:
            return "focused"
        return "unsure"
