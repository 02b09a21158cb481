# realworld repro (negative): naive-retry, uncached-prompt, batchable-fanout -- one record is screened per call with
# system blocks handed in (the criteria block already marked for caching elsewhere); a two-pass loop asks again only
# when the reply does not parse as JSON: the create sits outside the try, so an API error (429 included) propagates
# to the caller; the same requests also feed a Message Batches path
# source: srknthbala/ai-systematic-review-screening-assistant app/services/screener.py:179
# source: srknthbala/ai-systematic-review-screening-assistant app/services/screener.py:180
# source: srknthbala/ai-systematic-review-screening-assistant app/services/screener.py:190
import json
import re

_OBJECT = re.compile(r"\{.*\}", re.S)


def as_user_text(study: dict) -> str:
    summary = study.get("abstract") or "(no abstract)"
    return f"TITLE: {study.get('title') or '(untitled)'}\n\nABSTRACT: {summary}\n\nReturn the JSON verdict only."


def read_verdict(text: str) -> dict:
    found = _OBJECT.search(text or "")
    verdict = json.loads(found.group(0) if found else text)
    if verdict.get("decision") not in ("INCLUDE", "EXCLUDE", "MAYBE"):
        raise ValueError("unknown decision")
    return verdict


def screen_study(client, model: str, system: list, study: dict) -> dict:
    user = as_user_text(study)
    raw = ""
    for attempt in range(2):  # expect-not: naive-retry
        reply = client.messages.create(  # expect-not: missing-max-tokens, nonstreaming-max-tokens, uncached-prompt, model-routing, batchable-fanout, unbounded-fanout
            model=model,
            max_tokens=400,
            temperature=0,
            system=system,
            messages=[{"role": "user", "content": user}],
        )
        raw = "".join(getattr(part, "text", "") for part in reply.content)
        try:
            return read_verdict(raw)
        except Exception:  # expect-not: string-matched-error
            if attempt == 0:
                user = as_user_text(study) + "\n\nYour last answer was not valid JSON. Send only the object."
                continue
    return {"decision": "MAYBE", "confidence": 0.0, "raw": raw, "error": "unparseable"}


def batch_params(model: str, system: list, study: dict) -> dict:
    return {
        "model": model,
        "max_tokens": 400,
        "temperature": 0,
        "system": system,
        "messages": [{"role": "user", "content": as_user_text(study)}],
    }
