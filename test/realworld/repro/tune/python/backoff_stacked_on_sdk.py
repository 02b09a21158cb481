# realworld repro (positive): naive-retry (information) -- backoff.on_exception catching
# anthropic.RateLimitError around a Claude call on a client that keeps the SDK's retries, and
# around a function that reaches Claude through a local function
# source: SakanaAI/AI-Scientist-v2 ai_scientist/llm.py:258
# source: SakanaAI/AI-Scientist-v2 ai_scientist/llm.py:77
import anthropic
import backoff
import openai


def make_client():
    return anthropic.Anthropic()


@backoff.on_exception(backoff.expo, (openai.RateLimitError, anthropic.RateLimitError))  # expect: naive-retry
def ask_once(client, question):
    reply = client.messages.create(model="claude-sonnet-4-5", max_tokens=900, messages=[{"role": "user", "content": question}])
    return reply.content[0].text


@backoff.on_exception(backoff.expo, (openai.RateLimitError, anthropic.RateLimitError))  # expect: naive-retry
def ask_many(client, question, n):
    return [ask_once(client, question) for _ in range(n)]
