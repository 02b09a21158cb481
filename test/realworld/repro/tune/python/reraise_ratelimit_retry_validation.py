# realworld repro (negative): a retry loop that re-raises rate limits and retries only validation
# errors (not naive-retry), and a refusal test on the error text (not string-matched-error)
# source: getzep/graphiti graphiti_core/llm_client/anthropic_client.py:395
# source: getzep/graphiti graphiti_core/llm_client/anthropic_client.py:338
import anthropic


class Throttled(Exception):
    pass


class Refused(Exception):
    pass


class Extractor:
    def __init__(self):
        self.client = anthropic.AsyncAnthropic(max_retries=1)

    async def call(self, turns):
        try:
            return await self.client.messages.create(model="claude-sonnet-4-5", max_tokens=1500, messages=turns)
        except anthropic.RateLimitError as err:
            raise Throttled(str(err)) from err
        except Exception as err:
            if "declined to answer" in str(err).lower():  # expect-not: string-matched-error
                raise Refused(str(err)) from err
            raise

    async def extract(self, turns, limit=2):
        tries = 0
        while tries <= limit:  # expect-not: naive-retry
            try:
                reply = await self.call(turns)
                return parse(reply)
            except (Throttled, Refused):
                raise
            except ValueError as err:
                tries += 1
                if tries > limit:
                    raise
                turns = turns + [{"role": "user", "content": f"Fix this: {err}"}]


def parse(reply):
    text = reply.content[0].text
    if not text.startswith("{"):
        raise ValueError("not JSON")
    return text
