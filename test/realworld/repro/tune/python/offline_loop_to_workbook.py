# realworld repro (positive + negative): batchable-fanout -- a top-level loop sends one request per
# file through a local function and saves the rows to a workbook; the loop's except records the
# failure and moves on, the sleep only paces items (no retry)
# source: Takhirzhon/tender core/claude_text_extractor.py:121
# source: Takhirzhon/tender core/claude_text_extractor.py:182
import json
import os
import time

import anthropic
from openpyxl import Workbook

client = anthropic.Anthropic(api_key=os.getenv("NOTICE_KEY"))
NOTICES = "notices/json"
book = Workbook()
sheet = book.active


def summarise(notice_text):
    reply = client.messages.create(  # expect: batchable-fanout
        model="claude-sonnet-4-5",
        max_tokens=900,
        system="You read public procurement notices and answer in JSON.",
        messages=[{"role": "user", "content": f"Extract buyer, deadline and budget:\n{notice_text}"}],
    )
    return reply.content[0].text


for name in os.listdir(NOTICES):  # expect-not: naive-retry
    try:
        with open(os.path.join(NOTICES, name), encoding="utf-8") as fh:
            notice = json.load(fh)
        fields = json.loads(summarise(json.dumps(notice)[:6000]))
        sheet.append([name, fields.get("buyer"), fields.get("deadline"), fields.get("budget")])
        time.sleep(1.5)
    except Exception as err:
        print(f"skipped {name}: {err}")
        sheet.append([name, "ERROR", "", ""])

book.save("notices.xlsx")
