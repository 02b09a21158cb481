# realworld repro (positive): naive-retry -- a helper walks a list of fallback models and, for each, an inner
# attempt loop whose RateLimitError handler sleeps 1 s doubling per attempt and continues; retry-after is never
# read (connection errors and any other exception are retried after a fixed wait too)
# source: Endruch/Game-AI-translator claude_api.py:33
import time

import anthropic

FALLBACKS = ["claude-sonnet-4-5", "claude-haiku-4-5"]


def render_in(text: str, language: str, key: str, tries: int = 3) -> str:
    if not text.strip():
        return ""
    client = anthropic.Anthropic(api_key=key)
    ask = f"Render this chat line in {language}; keep usernames as they are:\n\n{text}"
    for model in FALLBACKS:
        for attempt in range(tries):  # expect: naive-retry
            try:
                reply = client.messages.create(
                    model=model,
                    max_tokens=1000,
                    messages=[{"role": "user", "content": ask}],
                )
                return reply.content[0].text.strip()
            except anthropic.AuthenticationError:
                return "[bad key]"
            except anthropic.RateLimitError:
                if attempt < tries - 1:
                    time.sleep(1.0 * 2**attempt)
                    continue
                return "[busy, try later]"
            except anthropic.NotFoundError:
                break
            except Exception as err:
                if attempt < tries - 1:
                    time.sleep(1.0)
                    continue
                return f"[failed: {err}]"
    return "[no model answered]"
