# realworld repro (positive + negative): naive-retry -- a document analyser catches anthropic.RateLimitError,
# sleeps a fixed minute and sends the same create once more (no loop); retry-after is never read;
# naive-retry look-alike -- the primary OpenAI-compatible provider's rate limit only hands over to Claude
# source: sinpoussi-cyber/agent3-brvm-rapports claude_analyzer.py:266
# source: sinpoussi-cyber/agent3-brvm-rapports claude_analyzer.py:190
import base64
import time

import anthropic
from openai import OpenAI, RateLimitError

INSTRUCTIONS = "Summarise this annual report as JSON with revenue, profit and three risks."


def via_primary(text):
    primary = OpenAI(base_url="https://llm.example.net")
    try:
        out = primary.chat.completions.create(model="fast-model", messages=[{"role": "user", "content": text}])
    except RateLimitError:  # expect-not: naive-retry
        return None
    return out.choices[0].message.content


def via_claude(pdf_bytes):
    api = anthropic.Anthropic()
    data = base64.standard_b64encode(pdf_bytes).decode()

    def send():
        return api.messages.create(
            model="claude-sonnet-4-20250514",
            max_tokens=8000,
            messages=[
                {
                    "role": "user",
                    "content": [
                        {"type": "document", "source": {"type": "base64", "media_type": "application/pdf", "data": data}},
                        {"type": "text", "text": INSTRUCTIONS},
                    ],
                }
            ],
        )

    try:
        reply = send()
    except anthropic.RateLimitError:
        time.sleep(60)
        try:
            reply = send()  # expect: naive-retry
        except anthropic.APIError:
            return None
    except anthropic.APIError:
        return None
    return reply.content[0].text
