# realworld repro (positive + negative): batchable-fanout -- main() runs a method that walks every feedback row,
# posts one Messages request per row over raw HTTP (through a method one call below the loop) and writes all
# results with to_csv; naive-retry look-alike -- a non-200 status returns a default row and the loop moves on
# after a pause; string-matched-error look-alike -- the status is compared as a number; the key is read from the
# environment or typed in when missing
# source: asan-cem/team-review-project process_with_claude.py:112
# source: asan-cem/team-review-project process_with_claude.py:183
# source: asan-cem/team-review-project process_with_claude.py:114
import json
import os
import time

import pandas as pd
import requests

TEMPLATE = """Clean up this staff feedback, mask names in negative remarks and classify it.
Reply only with JSON: {{"clean": "...", "masked": false, "mood": "pos|neu|neg"}}

Feedback: "{text}"
"""


class FeedbackCleaner:
    def __init__(self, key: str):
        self.url = "https://api.anthropic.com/v1/messages"
        self.headers = {"x-api-key": key, "anthropic-version": "2023-06-01", "content-type": "application/json"}

    def clean(self, text: str) -> dict:
        fallback = {"text": text, "clean": text, "masked": False, "mood": "neu"}
        body = {
            "model": "claude-sonnet-4-5",
            "max_tokens": 1000,
            "messages": [{"role": "user", "content": TEMPLATE.format(text=text)}],
        }
        try:
            resp = requests.post(self.url, headers=self.headers, json=body)  # expect: batchable-fanout
            if resp.status_code != 200:  # expect-not: string-matched-error
                print(f"request failed ({resp.status_code})")
                return fallback
            answer = resp.json()["content"][0]["text"]
            start, end = answer.find("{"), answer.rfind("}") + 1
            return {"text": text, **json.loads(answer[start:end])}
        except Exception as err:
            print(f"request failed: {err}")
            return fallback

    def run(self, src: str, dst: str, pause: float = 1.0) -> None:
        frame = pd.read_csv(src)
        results = []
        for _, row in frame.iterrows():  # expect-not: naive-retry
            results.append(self.clean(str(row["feedback"])))
            if pause > 0:
                time.sleep(pause)
        pd.DataFrame(results).to_csv(dst, index=False)


def main():
    key = os.environ.get("ANTHROPIC_API_KEY")
    if not key:
        key = input("API key: ").strip()
        if not key:
            return
    FeedbackCleaner(key).run("feedback.csv", "feedback_clean.csv")


if __name__ == "__main__":
    main()
