# realworld repro (negative): naive-retry -- backoff.on_exception on OpenAI error classes only,
# around a function that also calls Claude: Claude errors are never retried by it
# source: SakanaAI/AI-Scientist ai_scientist/llm.py:142
import anthropic
import backoff
import openai

def make_client(model):
    if model.startswith("claude"):
        return anthropic.Anthropic()
    return openai.OpenAI()


@backoff.on_exception(backoff.expo, (openai.RateLimitError, openai.APITimeoutError))  # expect-not: naive-retry
def answer(client, question, model):
    if model.startswith("claude"):
        reply = client.messages.create(model=model, max_tokens=700, messages=[{"role": "user", "content": question}])
        return reply.content[0].text
    return client.chat.completions.create(model=model, messages=[{"role": "user", "content": question}])
