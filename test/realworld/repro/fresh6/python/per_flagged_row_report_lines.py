# realworld repro (positive): batchable-fanout -- an offline report writes one observation per
# flagged CSV row, one create each, into a Markdown file (a few sentences of prose per row, max_tokens 300)
# source: Feyisayo25/audit-anomaly-summarizer summarize_with_claude.py:71
import pandas as pd
from anthropic import Anthropic


def observe(api, row):
    reply = api.messages.create(  # expect: batchable-fanout
        model="claude-sonnet-4-6",
        max_tokens=300,
        messages=[
            {
                "role": "user",
                "content": f"Write three neutral sentences on why invoice {row['invoice']} from {row['supplier']} "
                f"(flags: {row['flags']}) needs a second look, and what to check next.",
            }
        ],
    )
    return "".join(b.text for b in reply.content if b.type == "text")


def main():
    flagged = pd.read_csv("flagged_invoices.csv")
    api = Anthropic()
    lines = ["# Flagged invoices", ""]
    for _, row in flagged.iterrows():
        lines += [f"## {row['invoice']}", "", observe(api, row), ""]
    with open("flagged_report.md", "w") as fh:
        fh.write("\n".join(lines))


if __name__ == "__main__":
    main()
