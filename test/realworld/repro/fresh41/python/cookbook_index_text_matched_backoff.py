# realworld repro (positive + negative): naive-retry, string-matched-error -- an extractor loops three attempts
# around one Sonnet create; a catch-all tests the lower-cased error text for rate_limit or overloaded, sleeps longer
# each attempt and goes round again, never reading retry-after, on a client built with only a key (the SDK's own
# retries stay on); a JSON decode error re-sends after a second; the short constant system prompt is below any cache
# minimum
# source: svott03/Open_Syllabus pipeline/citation_extraction.py:207
# source: svott03/Open_Syllabus pipeline/citation_extraction.py:264
# source: svott03/Open_Syllabus pipeline/citation_extraction.py:209
# source: svott03/Open_Syllabus pipeline/citation_extraction.py:152
import json
import os
import time

import anthropic

INDEX_SYSTEM = (
    "You read the index pages of a cookbook and list every recipe it names. "
    'Answer with a JSON array only, one object per recipe: {"name": "...", "page": 12}.'
)


def open_client() -> anthropic.Anthropic:
    key = os.environ.get("ANTHROPIC_API_KEY")
    if not key:
        raise RuntimeError("set ANTHROPIC_API_KEY")
    return anthropic.Anthropic(api_key=key)  # expect-not: retries-disabled, hardcoded-api-key


def list_recipes(index_text: str, extra_tries: int = 2) -> list[dict]:
    client = open_client()
    for n in range(extra_tries + 1):  # expect: naive-retry
        try:
            reply = client.messages.create(  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt
                model="claude-sonnet-4-20250514",
                max_tokens=2048,
                system=INDEX_SYSTEM,
                messages=[{"role": "user", "content": index_text}],
            )
            rows = json.loads(reply.content[0].text.strip())
            return [row for row in rows if isinstance(row, dict) and row.get("name")]
        except json.JSONDecodeError:
            if n < extra_tries:
                time.sleep(1)
                continue
            return []
        except Exception as exc:
            if "rate_limit" in str(exc).lower() or "overloaded" in str(exc).lower():  # expect: string-matched-error
                time.sleep(4 * (n + 1))
                if n < extra_tries:
                    continue
            raise
