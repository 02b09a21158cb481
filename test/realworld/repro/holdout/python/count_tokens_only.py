# realworld repro (negative): missing-max-tokens -- count_tokens on a PDF takes no max_tokens
# source: Rutgers-CSL/syllabus-parser example_token_pdf_counter.py:11
import base64

import anthropic

client = anthropic.Anthropic()

with open("outline.pdf", "rb") as f:
    data = base64.standard_b64encode(f.read()).decode()

count = client.messages.count_tokens(  # expect-not: missing-max-tokens
    model="claude-sonnet-4-5",
    messages=[{"role": "user", "content": [{"type": "document", "source": {"type": "base64", "media_type": "application/pdf", "data": data}}]}],
)
print(count)
