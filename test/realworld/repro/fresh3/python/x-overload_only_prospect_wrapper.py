# realworld repro (negative): naive-retry -- an attempt loop around messages.create that catches only
# OverloadedError (529) and waits a capped doubling delay; rate-limit errors are not caught here
# source: Ascent-Data-Insights/markit ai_interfaces/anthropic_interface.py:26
import time

import anthropic
from anthropic._exceptions import OverloadedError


class ProspectResearcher:
    def __init__(self):
        self.client = anthropic.Anthropic()
        self.system = "You research local companies for a two-person analytics consultancy. Cite sources."

    def ask(self, question, **extra):
        for attempt in range(6):  # expect-not: naive-retry
            try:
                reply = self.client.messages.create(
                    system=self.system,
                    max_tokens=3000,
                    model="claude-haiku-4-5",
                    messages=[{"role": "user", "content": question}],
                    **extra,
                )
                return reply.content[-1].text
            except OverloadedError:
                if attempt == 5:
                    raise
                time.sleep(min(2**attempt, 32))
