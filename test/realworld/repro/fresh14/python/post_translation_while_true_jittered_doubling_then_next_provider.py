# realworld repro (positive + negative): naive-retry -- a bot's translation provider re-sends the same create inside
# a while-True loop: on RateLimitError or a 429 status it sleeps a doubling wait with 20 % jitter for up to three
# retries and never reads retry-after (the per-call client keeps the SDK's own retries); look-alikes: the rate limit
# is recognised by class or status code, and the module-level loop over configured provider:model pairs tries each
# one once before giving up. (Corrected by tuneJ for faithfulness: the original imports the SDK's RateLimitError and
# APIStatusError under other names, beside OpenAI's, inside a try/except ImportError, and its loop has a second
# `except Exception` handler that raises; the first version imported them plainly, so it was found where the
# original was not.)
# source: zensokuzenshin/ll-bluebird-twitter-to-telegram src/translate/__init__.py:132
# source: zensokuzenshin/ll-bluebird-twitter-to-telegram src/translate/__init__.py:160
# source: zensokuzenshin/ll-bluebird-twitter-to-telegram src/translate/__init__.py:366
import asyncio
import os
import random

try:
    from anthropic import AsyncAnthropic, RateLimitError as ClaudeRateLimitError
    from anthropic import APIStatusError as ClaudeStatusError

    HAVE_ANTHROPIC = True
except ImportError:
    HAVE_ANTHROPIC = False

ROUTES = ["anthropic:claude-haiku-4-5", "anthropic:claude-sonnet-4-5"]


class Exhausted(Exception):
    pass


async def render(text: str, model: str, tries: int = 3, pause: float = 1.0) -> str:
    api = AsyncAnthropic(api_key=os.environ["ANTHROPIC_API_KEY"])  # expect-not: retries-disabled, hardcoded-api-key
    used = 0
    while True:  # expect: naive-retry
        try:
            reply = await api.messages.create(  # expect-not: missing-max-tokens, model-routing, batchable-fanout
                model=model,
                max_tokens=1024,
                messages=[{"role": "user", "content": f"Translate into Korean:\n{text}"}],
            )
            return reply.content[0].text
        except (ClaudeRateLimitError, ClaudeStatusError) as err:
            limited = isinstance(err, ClaudeRateLimitError) or err.status_code == 429  # expect-not: string-matched-error
            if limited and used < tries:
                used += 1
                await asyncio.sleep(pause * random.uniform(0.8, 1.2))
                pause *= 2
            elif limited:
                raise Exhausted(str(err))
            else:
                raise
        except Exception as err:
            raise RuntimeError(f"translation failed: {err}") from err


async def translate(text: str) -> str:
    problems = []
    for route in ROUTES:  # expect-not: naive-retry
        _, model = route.split(":", 1)
        try:
            return await render(text, model)
        except Exhausted as err:
            problems.append(f"{route}: {err}")
            continue
    raise RuntimeError("; ".join(problems))
