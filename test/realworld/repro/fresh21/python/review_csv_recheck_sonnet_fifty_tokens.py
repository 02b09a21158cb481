# realworld repro (positive + negative): naive-retry, batchable-fanout, model-routing -- an offline script re-checks
# every CSV row already labelled "unhappy": once per row a same-file helper sends one create on a top-level Sonnet
# constant at max_tokens=50 to choose between two labels (the prompt carries the row's text), inside a five-attempt
# loop that waits a linear 30 s times the attempt on RateLimitError or a connection error (retry-after never read;
# default client with the SDK's retries); changed labels are written back to the CSV every 20 rows and at the end;
# look-alikes: about 600 characters of fixed instructions in the user string, class-based handlers, a sequential
# loop with a fixed pause
# source: mroswell/committeecomments.com scripts/reclassify_anti_mrna.py:50
# source: mroswell/committeecomments.com scripts/reclassify_anti_mrna.py:52
# source: mroswell/committeecomments.com scripts/reclassify_anti_mrna.py:61
# source: mroswell/committeecomments.com scripts/reclassify_anti_mrna.py:93
import os
import time

import anthropic
import pandas as pd

SHEET = os.path.join(os.path.dirname(__file__), "reviews.csv")
MODEL = "claude-sonnet-4-20250514"

api = anthropic.Anthropic(api_key=os.environ.get("ANTHROPIC_API_KEY"))  # expect-not: retries-disabled, hardcoded-api-key


def ask(review):
    return f"""This review was labelled "unhappy". Decide whether the writer is unhappy with the
appliance itself or only with the delivery. Answer with exactly one of:
unhappy
delivery-only

Review:
{review}"""


def recheck(review, tries=5):
    for n in range(tries):  # expect: naive-retry
        try:
            reply = api.messages.create(  # expect: batchable-fanout, model-routing; expect-not: uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
                model=MODEL,
                max_tokens=50,
                messages=[{"role": "user", "content": ask(review)}],
            )
            word = reply.content[0].text.strip()
            return word if word in ("unhappy", "delivery-only") else "unhappy"
        except (anthropic.APIConnectionError, anthropic.RateLimitError) as err:  # expect-not: string-matched-error
            time.sleep(30 * (n + 1))
        except Exception:
            return "unhappy"
    return "unhappy"


if __name__ == "__main__":
    table = pd.read_csv(SHEET)
    unhappy = table[table["tone"] == "unhappy"]
    seen = 0
    for row in unhappy.index:  # expect-not: unbounded-fanout
        if recheck(table.at[row, "review"]) == "delivery-only":
            table.at[row, "tone"] = "delivery-only"
        seen += 1
        if seen % 20 == 0:
            table.to_csv(SHEET, index=False)
        time.sleep(3)
    table.to_csv(SHEET, index=False)
