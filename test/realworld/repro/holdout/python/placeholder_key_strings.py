# realworld repro (negative): hardcoded-api-key -- short placeholder strings passed as the key
# source: AlexYu84/Sources-and-Methods-API-call Anthropic/create_batch_anthropic.py:6
# source: cranium-ai/demo_public_repo llm/anthropic/pdf_summarization.py:3
import anthropic

first = anthropic.Anthropic(api_key="sample_key_01")  # expect-not: hardcoded-api-key
second = anthropic.AsyncAnthropic(api_key="key")  # expect-not: hardcoded-api-key
