# realworld repro (positive): naive-retry -- tenacity @retry (exponential wait, three attempts) on a service
# method whose create runs on a client that keeps the SDK's own retries; every exception is retried and
# retry-after is never read
# source: cdasadiya/claude-api-playground src/claude_api_python/client.py:34
import anthropic
from tenacity import retry, stop_after_attempt, wait_exponential


class NotesService:
    def __init__(self, key, seconds):
        self.client = anthropic.Anthropic(api_key=key, timeout=seconds)

    @retry(wait=wait_exponential(min=1, max=8), stop=stop_after_attempt(3), reraise=True)  # expect: naive-retry
    def answer(self, question, limit=None):
        if not question.strip():
            raise ValueError("empty question")
        reply = self.client.messages.create(
            model="claude-haiku-4-5",
            max_tokens=limit or 800,
            messages=[{"role": "user", "content": question}],
        )
        return "".join(part.text for part in reply.content if part.type == "text")
