# realworld repro (positive + negative): naive-retry + batchable-fanout -- a resumable CLI pass sends one raw urllib
# POST to /v1/messages (Haiku 4.5, 200 tokens) per flagged CSV row, appends each answer to a JSONL progress log and
# rewrites the CSV; the request helper retries HTTP 429 after 2^attempt s (five tries) without reading retry-after;
# look-alikes: the numeric 429 test, other errors returning None, the row loop that prints and skips a failure
# source: louiscarterfraburst/carterco scripts/lead-enrichment/llm_first_name_pass.py:77
# source: louiscarterfraburst/carterco scripts/lead-enrichment/llm_first_name_pass.py:79
# source: louiscarterfraburst/carterco scripts/lead-enrichment/llm_first_name_pass.py:89
# source: louiscarterfraburst/carterco scripts/lead-enrichment/llm_first_name_pass.py:146
import argparse
import csv
import json
import os
import sys
import time
import urllib.error
import urllib.request

KEY = os.environ.get("ANTHROPIC_API_KEY") or sys.exit("no key")
RULES = """Split this contact name for a greeting. Return JSON {"given": "...", "family": "..."} only.
Name: %s"""


def ask(name, tries=5):
    payload = json.dumps({
        "model": "claude-haiku-4-5",
        "max_tokens": 200,
        "messages": [{"role": "user", "content": RULES % name}],
    }).encode()
    req = urllib.request.Request("https://api.anthropic.com/v1/messages", data=payload, method="POST", headers={
        "x-api-key": KEY, "anthropic-version": "2023-06-01", "content-type": "application/json"})
    for attempt in range(tries):  # expect: naive-retry
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:  # expect: batchable-fanout; expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt
                text = json.loads(resp.read())["content"][0]["text"]
            return json.loads(text[text.find("{"): text.rfind("}") + 1])
        except urllib.error.HTTPError as err:
            if err.code == 429 and attempt < tries - 1:  # expect-not: string-matched-error
                time.sleep(2 ** attempt)
                continue
            return None
        except Exception:
            return None
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--csv", required=True)
    ap.add_argument("--log", required=True)
    args = ap.parse_args()
    rows = list(csv.DictReader(open(args.csv, encoding="utf-8")))
    flagged = [r for r in rows if r.get("name_flag") == "multi"]
    out = open(args.log, "a")
    for i, row in enumerate(flagged, 1):  # expect-not: naive-retry
        answer = ask(row["raw_name"])
        if not answer:
            print(f"[{i}] skipped {row['raw_name']!r}")
            continue
        row["given"] = answer.get("given", row["given"])
        out.write(json.dumps({"id": row["id"], **answer}) + "\n")
        time.sleep(1.3)
    out.close()
    with open(args.csv, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=rows[0].keys())
        writer.writeheader()
        writer.writerows(rows)


if __name__ == "__main__":
    main()
