# realworld repro (negative): hardcoded-api-key -- a "my_api_key" placeholder passed to the client
# source: hitthecodelabs/LLMs_apis scripts/claude_api.py:5
import anthropic

api = anthropic.Anthropic(
    api_key="my_api_key",  # expect-not: hardcoded-api-key
)

reply = api.messages.create(
    model="claude-sonnet-4-5",
    max_tokens=1000,
    temperature=0,
    messages=[{"role": "user", "content": "Say hello."}],
)
print(reply.content)
