# realworld repro (positive + negative): naive-retry -- for attempt in range(max_retries + 1) (two tries) around a
# per-chunk create; the except Exception branch sends again at once, with no wait and no retry-after;
# look-alike -- the follow-up combine call's try/except returns an error dict and sends nothing again
# source: gvhagen/parliamentary-summaries claude_summarizer.py:252
# source: gvhagen/parliamentary-summaries claude_summarizer.py:403
import json

import anthropic


class MinutesSummarizer:
    def __init__(self):
        self.client = anthropic.Anthropic()

    def summarize_chunk(self, text, max_retries=1):
        for attempt in range(max_retries + 1):  # expect: naive-retry
            try:
                reply = self.client.messages.create(
                    model="claude-haiku-4-5",
                    max_tokens=1200,
                    messages=[{"role": "user", "content": "Summarize this meeting excerpt as JSON:\n" + text}],
                )
                return json.loads(reply.content[0].text)
            except Exception as exc:
                if attempt < max_retries:
                    print("retrying chunk")
                    continue
                print(f"chunk failed: {exc}")
        return {"summary": ""}

    def combine(self, parts):
        try:  # expect-not: naive-retry
            reply = self.client.messages.create(
                model="claude-haiku-4-5",
                max_tokens=2000,
                messages=[{"role": "user", "content": "Merge these summaries:\n" + json.dumps(parts)}],
            )
            return reply.content[0].text
        except Exception as exc:
            return {"error": str(exc)}
