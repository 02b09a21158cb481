# realworld repro (positive + negative): unbounded-fanout -- labels are cut into groups of 50 and every
# group's create is started at once with tqdm's gather, no semaphore (the group count grows with the
# input); each create asks for 10,000 tokens without streaming, under the 21,333 guard
# source: agencyenterprise/endogenous-steering-resistance concreteness_filtering.py:174
# source: agencyenterprise/endogenous-steering-resistance concreteness_filtering.py:108
import json

from anthropic import AsyncAnthropic
from tqdm.asyncio import tqdm


class LabelScorer:
    def __init__(self):
        self.client = AsyncAnthropic()
        self.known = {}

    async def _score_group(self, labels):
        try:
            reply = await self.client.messages.create(  # expect-not: nonstreaming-max-tokens
                model="claude-sonnet-4-5",
                max_tokens=10000,
                messages=[{"role": "user", "content": "Rate each label 0-100 as JSON:\n" + json.dumps(labels)}],
            )
            return {row["label"]: float(row["rating"]) for row in json.loads(reply.content[0].text)}
        except Exception:
            return {label: 0.0 for label in labels}

    async def score(self, labels, size=50):
        fresh = [label for label in labels if label not in self.known]
        groups = [fresh[i : i + size] for i in range(0, len(fresh), size)]
        results = await tqdm.gather(*[self._score_group(g) for g in groups], desc="scoring")  # expect: unbounded-fanout
        for part in results:
            self.known.update(part)
        return {label: self.known.get(label, 0.0) for label in labels}
