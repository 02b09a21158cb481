# realworld repro (positive + negative): naive-retry, batchable-fanout -- an offline script walks the rows of a CSV
# of customer reviews that still lack a label and, once per review, calls a same-file helper whose five-attempt loop
# sends one Sonnet create and, on RateLimitError or a connection error, sleeps a linear 30 s times the attempt
# (retry-after never read; the module-level client keeps the SDK's retries); the answers are written back to the CSV
# every 20 rows and at the end; look-alikes: Sonnet at 500 tokens for a JSON object of several fields (above the
# classification bar), fixed instructions inside the user string (no constant block, under the cache minimum),
# class-based handlers, a sequential loop with a fixed pause, the key from the environment
# source: mroswell/committeecomments.com scripts/append_fields.py:163
# source: mroswell/committeecomments.com scripts/append_fields.py:165
# source: mroswell/committeecomments.com scripts/append_fields.py:179
# source: mroswell/committeecomments.com scripts/append_fields.py:19
# source: mroswell/committeecomments.com scripts/append_fields.py:219
import json
import os
import time

import anthropic
import pandas as pd

SHEET = os.path.join(os.path.dirname(__file__), "reviews.csv")
FLUSH_EVERY = 20
PAUSE = 3
MODEL = "claude-sonnet-4-20250514"
FIELDS = ["tone", "product_area", "refund_asked", "keywords"]

api = anthropic.Anthropic(api_key=os.environ.get("ANTHROPIC_API_KEY"))  # expect-not: retries-disabled, hardcoded-api-key


def prompt_for(review):
    return f"""Read this customer review of a kitchen appliance and answer with a JSON object holding
"tone" (happy, mixed or unhappy), "product_area" (motor, lid, cleaning, delivery or other),
"refund_asked" ("yes" or an empty string) and "keywords" (up to five comma-separated words).
Return the JSON only.

Review:
{review}"""


def label_review(review, tries=5):
    if not review or pd.isna(review):
        return {k: "" for k in FIELDS}
    for n in range(tries):  # expect: naive-retry
        try:
            reply = api.messages.create(  # expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
                model=MODEL,
                max_tokens=500,
                messages=[{"role": "user", "content": prompt_for(review)}],
            )
            return json.loads(reply.content[0].text.strip())
        except (anthropic.APIConnectionError, anthropic.RateLimitError) as err:  # expect-not: string-matched-error
            pause = 30 * (n + 1)
            print(f"{type(err).__name__}: sleeping {pause}s ({n + 1}/{tries})")
            time.sleep(pause)
        except Exception as err:
            print(f"could not label review: {err}")
            return {k: "" for k in FIELDS}
    return {k: "" for k in FIELDS}


if __name__ == "__main__":
    table = pd.read_csv(SHEET)
    for k in FIELDS:
        if k not in table.columns:
            table[k] = ""
    pending = table[table["tone"].isna() | (table["tone"] == "")].index.tolist()
    done = 0
    for row in pending:  # expect-not: unbounded-fanout
        answer = label_review(table.at[row, "review"])
        for k in FIELDS:
            table.at[row, k] = answer.get(k, "")
        done += 1
        if done % FLUSH_EVERY == 0:
            table.to_csv(SHEET, index=False)
        time.sleep(PAUSE)
    table.to_csv(SHEET, index=False)
