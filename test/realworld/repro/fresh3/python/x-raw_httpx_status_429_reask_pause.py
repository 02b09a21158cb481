# realworld repro (negative): string-matched-error and naive-retry -- a raw httpx Messages call that tests
# status_code == 429 (and reads retry-after for the message) instead of the error text; a two-pass loop that
# re-asks only when the forced tool output fails validation; a loop that continues only after pause_turn
# source: Didaflow/enea-mapper anthropic_client.py:58
# source: Didaflow/enea-mapper anthropic_client.py:89
# source: Didaflow/enea-mapper anthropic_client.py:127
import os

import httpx

URL = "https://api.anthropic.com/v1/messages"
FORM = {"name": "submit", "description": "Return the outline", "input_schema": {"type": "object"}}
SEARCH = {"type": "web_search_20250305", "name": "web_search", "max_uses": 4}


class ProxyError(RuntimeError):
    pass


async def send(client, body):
    resp = await client.post(
        URL,
        headers={"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01"},
        json=body,
        timeout=90.0,
    )
    if resp.status_code == 429:  # expect-not: string-matched-error
        wait = resp.headers.get("retry-after", "")
        raise ProxyError(f"Rate limited; try again in {wait or 'a few'} seconds.")
    if resp.status_code >= 400:
        raise ProxyError(f"API {resp.status_code}: {resp.text[:300]}")
    return resp.json()


def valid(outline):
    return isinstance(outline, dict) and bool(outline.get("sections"))


async def outline(topic):
    async with httpx.AsyncClient() as client:
        messages = [{"role": "user", "content": f"Outline a field guide to {topic}."}]
        for _ in range(2):  # expect-not: naive-retry
            data = await send(client, {
                "model": "claude-sonnet-4-5",
                "max_tokens": 2000,
                "tools": [FORM],
                "tool_choice": {"type": "tool", "name": "submit"},
                "messages": messages,
            })
            found = next((b["input"] for b in data["content"] if b.get("type") == "tool_use"), None)
            if valid(found):
                return found
            messages = messages[:1] + [{"role": "user", "content": "That outline was incomplete; submit it again."}]
        raise ProxyError("no valid outline")


async def research(topic):
    async with httpx.AsyncClient() as client:
        messages = [{"role": "user", "content": f"Find three primary sources on {topic}."}]
        data = None
        for _ in range(5):  # expect-not: naive-retry
            data = await send(client, {
                "model": "claude-sonnet-4-5",
                "max_tokens": 2000,
                "tools": [SEARCH],
                "messages": messages,
            })
            if data.get("stop_reason") == "pause_turn":
                messages.append({"role": "assistant", "content": data["content"]})
                continue
            break
        return data
