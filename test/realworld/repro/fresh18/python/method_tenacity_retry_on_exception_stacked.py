# realworld repro (positive): naive-retry -- a scoring class's private method holding its only create is decorated
# with tenacity @retry (reraise, three attempts, exponential wait between 2 and 10 s, retry_if_exception_type on
# Exception), so rate limits are retried on a fixed schedule stacked on the default client's own retries, never
# reading retry-after; the per-record loop lives in another module, the class-level system prompt is short
# source: odafeng/MedFeedJournalTracker llm/summarizer.py:106
# source: odafeng/MedFeedJournalTracker llm/summarizer.py:113
# source: odafeng/MedFeedJournalTracker llm/summarizer.py:58
import json

from anthropic import Anthropic
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential


class NoteScorer:
    GUIDE = """You read one clinical note title and abstract and return JSON with a two-sentence gist
and a score from 1 to 5 for each topic you are given. JSON only."""

    def __init__(self, key: str, model: str = "claude-sonnet-4-5") -> None:
        self.client = Anthropic(api_key=key)  # expect-not: retries-disabled, hardcoded-api-key
        self.model = model

    def score(self, title: str, abstract: str, topics: list[str]) -> dict:
        prompt = f"TITLE: {title}\n\nABSTRACT: {abstract}\n\nTopics: {', '.join(topics)}"
        return json.loads(self._send(prompt))

    @retry(  # expect: naive-retry
        reraise=True,
        stop=stop_after_attempt(3),
        wait=wait_exponential(multiplier=1, min=2, max=10),
        retry=retry_if_exception_type(Exception),
    )
    def _send(self, prompt: str) -> str:
        reply = self.client.messages.create(  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout
            model=self.model,
            max_tokens=1024,
            system=self.GUIDE,
            messages=[{"role": "user", "content": prompt}],
        )
        return "".join(b.text for b in reply.content if hasattr(b, "text")).strip()
