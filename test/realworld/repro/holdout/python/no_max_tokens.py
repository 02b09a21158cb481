# realworld repro (positive): missing-max-tokens -- messages.create with model and messages only
# source: cranium-ai/demo_public_repo llm/anthropic/pdf_summarization.py:5
# source: cranium-ai/demo_public_repo llm/anthropic/pdf_summarization.py:10
from anthropic import AsyncAnthropic

summariser = AsyncAnthropic()

draft = summariser.messages.create(  # expect: missing-max-tokens
    model="claude-haiku-4-5",
    messages=[{"role": "user", "content": "Summarise the attached report."}],
)

revision = summariser.messages.create(  # expect: missing-max-tokens
    model="claude-sonnet-4-5",
    messages=[{"role": "user", "content": "Tighten the summary."}],
)
