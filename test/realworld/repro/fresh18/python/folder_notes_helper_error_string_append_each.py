# realworld repro (positive + negative): batchable-fanout -- an offline script loops over every text file of a folder
# and calls a same-file analysis function that sends one Sonnet create per file (model from an environment variable,
# 1,024 tokens, a one-sentence system prompt); its catch-all returns an "ERROR:" string that the caller checks with
# startswith and skips; each analysis is appended to its file, with a one-second pause between files
# source: yenhsieh/journal_first_aid_kit 2_analyze_with_claude.py:149
# source: yenhsieh/journal_first_aid_kit 2_analyze_with_claude.py:160
# source: yenhsieh/journal_first_aid_kit 2_analyze_with_claude.py:45
import glob
import os
import sys
import time

from anthropic import Anthropic

MODEL = os.getenv("NOTES_MODEL", "claude-3-5-sonnet-20240620")


def review(client, title, body):
    prompt = f"Summarise this study in four sentences and list five keywords.\n\nTitle: {title}\n\n{body}"
    try:
        reply = client.messages.create(  # expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
            model=MODEL,
            max_tokens=1024,
            system="You are careful with scientific abstracts.",
            messages=[{"role": "user", "content": prompt}],
        )
        return reply.content[0].text
    except Exception as e:  # expect-not: naive-retry, string-matched-error
        print(f"request failed: {e}")
        return f"ERROR: {e}"


def run(folder):
    client = Anthropic(api_key=os.getenv("ANTHROPIC_API_KEY"))  # expect-not: retries-disabled, hardcoded-api-key
    paths = glob.glob(os.path.join(folder, "*.txt"))
    for i, path in enumerate(paths):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        title = text.splitlines()[0] if text else "untitled"
        result = review(client, title, text)
        if result.startswith("ERROR:"):
            continue
        with open(path, "a", encoding="utf-8") as f:
            f.write("\n\nREVIEW:\n" + result)
        if i < len(paths) - 1:
            time.sleep(1)


if __name__ == "__main__":
    run(sys.argv[1])
