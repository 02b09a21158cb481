# realworld repro (positive + negative): naive-retry -- an attempt loop whose except Exception re-sends
# messages.create after a doubling pause (a reply in the wrong format is also re-asked), and an attempt loop around
# a raw requests.post to /v1/messages that waits a doubling pause after status 429 (Retry-After never read);
# nonstreaming-max-tokens look-alike -- max_tokens from a settings dict, 17,000
# source: sergioBia25/extractor-tarifas utils/claude_api.py:43
# source: sergioBia25/extractor-tarifas utils/claude_api.py:146
# source: sergioBia25/extractor-tarifas utils/claude_api.py:48
import time

import anthropic
import requests

SETTINGS = {"model": "claude-sonnet-4-20250514", "max_tokens": 17000, "url": "https://api.anthropic.com/v1/messages"}
RETRY = {"tries": 3, "pause": 2, "timeout": 30}
HEADER = "Supplier,Market,Level,Energy,Transport,Total"


class RateSheetReader:
    def __init__(self, key):
        self.api = anthropic.Anthropic(api_key=key)
        self.headers = {"x-api-key": key, "anthropic-version": "2023-06-01", "content-type": "application/json"}

    def to_csv(self, text, rules):
        prompt = f"{rules}\n\nDocument text:\n{text}\n\nAnswer with CSV only, first line exactly: {HEADER}"
        for attempt in range(RETRY["tries"]):  # expect: naive-retry
            try:
                reply = self.api.messages.create(  # expect-not: nonstreaming-max-tokens
                    model=SETTINGS["model"],
                    max_tokens=SETTINGS["max_tokens"],
                    temperature=0,
                    system="You turn tariff documents into CSV and nothing else.",
                    messages=[{"role": "user", "content": prompt}],
                )
                csv_text = reply.content[0].text.strip()
                if csv_text.split("\n")[0].strip() != HEADER:
                    if attempt < RETRY["tries"] - 1:
                        time.sleep(RETRY["pause"] * (2**attempt))
                        continue
                    raise ValueError("unexpected CSV header")
                return csv_text
            except Exception as exc:
                print(f"attempt {attempt + 1} failed: {exc}")
                if attempt < RETRY["tries"] - 1:
                    time.sleep(RETRY["pause"] * (2**attempt))
                else:
                    raise

    def to_csv_http(self, text, rules, tries=None):
        tries = tries or RETRY["tries"]
        body = {
            "model": SETTINGS["model"],
            "max_tokens": SETTINGS["max_tokens"],
            "temperature": 0,
            "messages": [{"role": "user", "content": f"{rules}\n\n{text}\n\nCSV only."}],
        }
        for attempt in range(tries):  # expect: naive-retry
            try:
                resp = requests.post(SETTINGS["url"], headers=self.headers, json=body, timeout=RETRY["timeout"])
                if resp.status_code == 200:
                    return resp.json()["content"][0]["text"].strip()
                if resp.status_code == 429:
                    time.sleep(RETRY["pause"] * (2**attempt))
                    continue
                if attempt < tries - 1:
                    time.sleep(RETRY["pause"] * (2**attempt))
                else:
                    return None
            except requests.exceptions.Timeout:
                if attempt < tries - 1:
                    time.sleep(RETRY["pause"] * (2**attempt))
                else:
                    return None
        return None
