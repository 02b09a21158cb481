# realworld repro (module): the helper imported by campus_profiles_imported_enrich_loop.py -- a small client class
# that POSTs one raw request to /v1/messages (Claude 3 Opus, max_tokens 4000, no system prompt) for one campus
# record and falls back to a locally tidied record on a non-200 status or any exception; no loop, no retry here
# source: BaiP-AI-Private/ai-univ-admin-crawler claude_api.py:137
# source: BaiP-AI-Private/ai-univ-admin-crawler claude_api.py:139
# source: BaiP-AI-Private/ai-univ-admin-crawler claude_api.py:33
import json
import logging
import os
import time

import requests


class CampusEnricher:
    def __init__(self, key: str | None = None):
        self.key = key or os.environ.get("CAMPUS_CLAUDE_KEY")  # expect-not: hardcoded-api-key
        self.url = "https://api.anthropic.com/v1/messages"
        self.model = "claude-3-opus-20240229"

    def enrich(self, record: dict) -> dict:
        if not self.key:
            return self.tidy(record)
        prompt = (
            f"Here are scraped notes about {record.get('name', 'a campus')}. Turn them into JSON with the keys "
            f"name, programmes (name, level, faculty) and deadlines (early, regular).\n\n{json.dumps(record, indent=2)}"
        )
        try:
            resp = requests.post(  # expect-not: batchable-fanout, model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt, naive-retry, retries-disabled
                self.url,
                headers={"x-api-key": self.key, "anthropic-version": "2023-06-01", "content-type": "application/json"},
                json={"model": self.model, "max_tokens": 4000, "messages": [{"role": "user", "content": prompt}]},
            )
            if resp.status_code == 200:  # expect-not: string-matched-error
                text = resp.json()["content"][0]["text"]
                data = json.loads(text[text.find("{") : text.rfind("}") + 1])
                data["enriched_at"] = time.strftime("%Y-%m-%d %H:%M:%S")
                return data
            logging.error("enrichment failed with %s", resp.status_code)
            return self.tidy(record)
        except Exception as exc:
            logging.error("enrichment error: %s", exc)
            return self.tidy(record)

    def tidy(self, record: dict) -> dict:
        return {"name": record.get("name", ""), "programmes": record.get("courses", []), "raw": record}


def enrich_campus(record: dict, key: str | None = None) -> dict:
    return CampusEnricher(key).enrich(record)
