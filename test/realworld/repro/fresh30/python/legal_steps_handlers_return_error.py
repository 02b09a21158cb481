# realworld repro (negative): a legal Q&A pipeline -- a same-file helper makes every create on a lazily built
# AsyncAnthropic client (default retries, key from settings) with max_tokens a parameter of at most 8,192 and the
# model chosen by each step; a glob loop only reads note files into one prompt, and each step's handler prints the
# error and returns it in the step's result (no retry, no test of the text)
# source: Konyakoff/ArmeykaBrain app/services/claude_service.py:53
# source: Konyakoff/ArmeykaBrain app/services/claude_service.py:133
# source: Konyakoff/ArmeykaBrain app/services/claude_service.py:21
import glob
import os

from anthropic import AsyncAnthropic

_client = None


def client(settings) -> AsyncAnthropic:
    global _client
    if _client is None:
        _client = AsyncAnthropic(api_key=settings.anthropic_key)  # expect-not: retries-disabled, hardcoded-api-key
    return _client


async def ask(settings, model: str, prompt: str, max_tokens: int = 8192) -> str:
    reply = await client(settings).messages.create(  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, batchable-fanout
        model=model,
        max_tokens=max_tokens,
        system="You are a careful legal assistant. Answer in the user's language.",
        messages=[{"role": "user", "content": prompt}],
    )
    return reply.content[0].text


async def pick_articles(settings, question: str, model: str) -> dict:
    notes = []
    for path in glob.glob(os.path.join("notes", "*.txt")):
        with open(path, encoding="utf-8") as handle:
            notes.append(f"== {os.path.basename(path)} ==\n{handle.read()}")
    prompt = f"Question: {question}\n\nNotes:\n" + "\n".join(notes)
    try:
        return {"answer": await ask(settings, model, prompt, max_tokens=4096)}
    except Exception as err:  # expect-not: naive-retry, string-matched-error
        print(f"step one failed: {err}")
        return {"answer": "", "error": str(err)}
