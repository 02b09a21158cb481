# realworld repro (positive + negative): naive-retry -- two async helpers under the same tenacity decorator (random
# exponential wait up to 40 s, three attempts, any exception): the first awaits messages.create on a module
# AsyncAnthropic client that keeps the SDK's retries and re-raises after printing, so 429s are retried without
# retry-after; the second posts to /v1/messages over raw HTTP but catches timeouts, status errors and everything
# else itself and returns None, so its decorator never sees an exception; look-alikes: max_tokens 4,096 and 1,024,
# Sonnet only as a parameter default, no system prompt, error text only printed
# source: natukj/app-qxd-backend app/llm/claude_api.py:8
# source: natukj/app-qxd-backend app/llm/claude_api.py:11
# source: natukj/app-qxd-backend app/llm/claude_api.py:17
# source: natukj/app-qxd-backend app/llm/claude_api.py:23
# source: natukj/app-qxd-backend app/llm/claude_api.py:38
# source: natukj/app-qxd-backend app/llm/claude_api.py:50
# source: natukj/app-qxd-backend app/llm/claude_api.py:5
import os

import httpx
from anthropic import AsyncAnthropic
from tenacity import retry, stop_after_attempt, wait_random_exponential

claude = AsyncAnthropic()  # expect-not: retries-disabled, hardcoded-api-key
KEY = os.environ.get("ANTHROPIC_API_KEY")


@retry(wait=wait_random_exponential(multiplier=1, max=40), stop=stop_after_attempt(3))  # expect: naive-retry
async def reply_text(history, model="claude-3-5-sonnet-20240620"):
    try:
        answer = await claude.messages.create(  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, batchable-fanout, uncached-prompt
            max_tokens=4096,
            messages=history,
            model=model,
        )
        return answer.content[0].text
    except Exception as err:  # expect-not: string-matched-error
        print(f"Claude call failed: {err}")
        raise


@retry(wait=wait_random_exponential(multiplier=1, max=40), stop=stop_after_attempt(3))  # expect-not: naive-retry
async def reply_json(history, tools=None, model="claude-3-5-sonnet-20240620"):
    headers = {"x-api-key": KEY, "content-type": "application/json", "anthropic-version": "2023-06-01"}
    body = {"model": model, "messages": history, "max_tokens": 1024}
    if tools is not None:
        body["tools"] = tools

    async with httpx.AsyncClient() as http:
        try:
            resp = await http.post(  # expect-not: missing-max-tokens, model-routing, batchable-fanout, uncached-prompt
                "https://api.anthropic.com/v1/messages",
                headers=headers,
                json=body,
                timeout=30,
            )
            resp.raise_for_status()
            return resp.json()
        except httpx.ReadTimeout as err:
            print(f"timed out: {err}")
            return None
        except httpx.HTTPStatusError as err:  # expect-not: string-matched-error
            print(f"status {err.response.status_code}: {err}")
            return None
        except Exception as err:
            print(f"request failed: {err}")
            return None
