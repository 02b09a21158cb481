# realworld repro (negative): batchable-fanout, model-routing, uncached-prompt and naive-retry look-alikes -- an offline
# panel posts one raw-HTTP Messages request (a setting for the base URL, the anthropic-version header, Opus from the
# environment, 4000 tokens, the long shared prompt block marked with cache_control) per entry of a literal table of
# four readers, logs a failed reader and goes on, and writes the four answers once
# source: cavit99/autonovel reader_panel.py:186
# source: cavit99/autonovel reader_panel.py:272
import json
import os

import httpx

JUDGE = os.environ.get("PANEL_JUDGE_MODEL", "claude-opus-4-6")
KEY = os.environ.get("ANTHROPIC_API_KEY", "")
BASE = os.environ.get("PANEL_API_BASE", "https://api.anthropic.com")

PANEL = {
    "editor": "You read for sentence-level craft and voice.",
    "fan": "You read for pace and payoff.",
    "novelist": "You read for structure and scene method.",
    "newcomer": "You read for feeling rather than analysis.",
}


def ask_reader(lens: str, book: str) -> str:
    body = {
        "model": JUDGE,
        "max_tokens": 4000,
        "system": "You sit on a reading panel. Answer in JSON.",
        "messages": [
            {
                "role": "user",
                "content": [
                    {"type": "text", "text": book, "cache_control": {"type": "ephemeral"}},
                    {"type": "text", "text": f"Your lens: {lens}"},
                ],
            }
        ],
    }
    headers = {"x-api-key": KEY, "anthropic-version": "2023-06-01", "content-type": "application/json"}
    resp = httpx.post(f"{BASE}/v1/messages", headers=headers, json=body, timeout=300)  # expect-not: batchable-fanout, model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
    resp.raise_for_status()
    return resp.json()["content"][0]["text"]


def main() -> None:
    with open("arc_summary.md", encoding="utf-8") as fh:
        book = fh.read()
    verdicts = {}
    for name, lens in PANEL.items():  # expect-not: naive-retry
        try:
            verdicts[name] = ask_reader(lens, book)
        except Exception as err:
            print(f"{name} failed: {err}")
    with open("panel.json", "w", encoding="utf-8") as fh:
        json.dump(verdicts, fh, indent=2)


if __name__ == "__main__":
    main()
