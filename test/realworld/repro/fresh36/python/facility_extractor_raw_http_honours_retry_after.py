# realworld repro (negative): naive-retry -- a raw requests.post helper to /v1/messages retries only 429 statuses and
# waits the larger of the retry-after header and a linear 30 s step (other statuses raise at once); a long constant
# system prompt sent with cache_control; per-company helpers with no loop over companies in the file
# source: DhruvVishalGupta/TractianDataEngineeringCase src/pipeline/claude_client.py:169
# source: DhruvVishalGupta/TractianDataEngineeringCase src/pipeline/claude_client.py:170
# source: DhruvVishalGupta/TractianDataEngineeringCase src/pipeline/claude_client.py:171
# source: DhruvVishalGupta/TractianDataEngineeringCase src/pipeline/claude_client.py:160
import os
import time

import requests

ENDPOINT = "https://api.anthropic.com/v1/messages"
MODEL = os.environ.get("SITE_MODEL", "claude-sonnet-4-5")

GUIDE = (
    "You list the physical sites a company owns or runs, using only the documents given. "
    "Each site needs a city, a country and one type from this list: plant, warehouse, office, lab, mine. "
    "Quote the sentence that proves each site. Never guess a city, and skip customers and suppliers. "
) * 12


def _headers() -> dict:
    return {
        "x-api-key": os.environ.get("ANTHROPIC_API_KEY", ""),  # expect-not: hardcoded-api-key
        "anthropic-version": "2023-06-01",
        "content-type": "application/json",
    }


def _post(body: dict, tries: int = 5) -> dict:
    for attempt in range(tries):  # expect-not: naive-retry
        resp = requests.post(ENDPOINT, headers=_headers(), json=body, timeout=120)  # expect-not: missing-max-tokens, nonstreaming-max-tokens, uncached-prompt, batchable-fanout, unbounded-fanout, model-routing
        if resp.status_code == 429:  # expect-not: string-matched-error
            told = int(resp.headers.get("retry-after", 0))
            time.sleep(max(told, 30 * (attempt + 1)))
            continue
        resp.raise_for_status()
        return resp.json()
    resp.raise_for_status()
    return resp.json()


def sites_for(company: str, text: str) -> list[dict]:
    body = {
        "model": MODEL,
        "max_tokens": 8192,
        "system": [{"type": "text", "text": GUIDE, "cache_control": {"type": "ephemeral"}}],
        "messages": [{"role": "user", "content": f"COMPANY: {company}\n\n{text[:60000]}"}],
    }
    data = _post(body)
    return [b for b in data.get("content", []) if b.get("type") == "text"]
