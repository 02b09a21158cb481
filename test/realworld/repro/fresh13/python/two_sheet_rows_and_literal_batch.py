# realworld repro (negative): batchable-fanout / missing-max-tokens / hardcoded-api-key look-alikes -- a sheet
# script picks at most two pending rows (it stops at two) and writes one Sonnet script for each back to the
# sheet; a second script already sends two literal requests as one Message Batch, each carrying max_tokens, on a
# client whose key is an empty placeholder
# source: sabitahlabs-boop/sabitah-content-bot generate_with_claude.py:89
# source: sabitahlabs-boop/sabitah-content-bot generate_with_claude.py:205
# source: sabitahlabs-boop/sabitah-content-bot generate_with_claude.py:116
# source: davewd/airflow source/lib/ai/anthropic/example_1.py:10
# source: davewd/airflow source/lib/ai/anthropic/example_1.py:7
import os

import anthropic
import gspread


def write_script(api, brand, topic):
    msg = api.messages.create(  # expect-not: batchable-fanout, model-routing, missing-max-tokens, nonstreaming-max-tokens
        model="claude-sonnet-4-20250514",
        max_tokens=1500,
        messages=[{"role": "user", "content": f"Write a six-slide carousel script for {brand} about {topic}."}],
    )
    return msg.content[0].text


def fill_two_rows(sheet):
    api = anthropic.Anthropic(api_key=os.environ.get("ANTHROPIC_API_KEY", ""))  # expect-not: retries-disabled, hardcoded-api-key
    rows = sheet.get_all_values()
    picked = []
    for n, row in enumerate(rows[2:], start=3):
        if row[5].strip().lower() == "todo":
            picked.append((n, row[1], row[2]))
        if len(picked) == 2:
            break
    updates = []
    for n, brand, topic in picked:  # expect-not: naive-retry
        text = write_script(api, brand, topic)
        updates.append({"range": f"G{n}", "values": [[text]]})
    sheet.batch_update(updates)


def send_literal_batch():
    api = anthropic.Anthropic(
        api_key="",  # expect-not: hardcoded-api-key
    )
    job = api.messages.batches.create(  # expect-not: batchable-fanout, missing-max-tokens
        requests=[
            {
                "custom_id": "otter",
                "params": {
                    "model": "claude-3-5-haiku-latest",
                    "max_tokens": 100,
                    "messages": [{"role": "user", "content": "One fun fact about otters, please."}],
                },
            },
            {
                "custom_id": "heron",
                "params": {
                    "model": "claude-3-5-haiku-latest",
                    "max_tokens": 100,
                    "messages": [{"role": "user", "content": "One fun fact about herons, please."}],
                },
            },
        ]
    )
    print(job.id)


if __name__ == "__main__":
    fill_two_rows(gspread.service_account().open_by_key(os.environ["SHEET_ID"]).sheet1)
    send_literal_batch()
