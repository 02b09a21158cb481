# realworld repro (negative): uncached-prompt, naive-retry, batchable-fanout, nonstreaming-max-tokens -- a pipeline
# module of a live news service (its scheduler, in another module, calls enrich) tags pending headlines in chunks of
# 8: a same-file helper sends one Haiku create per chunk with a long constant system prompt already marked
# cache_control and max_tokens computed per headline (9,600 at 8), on a shared client built with a 60 s timeout; the
# chunk loop pauses a fixed 0.5 s between chunks and a failed chunk falls back to keyword tags, nothing re-sent
# source: skondrashov/thisminute src/llm_extractor.py:444
# source: skondrashov/thisminute src/llm_extractor.py:644
# source: skondrashov/thisminute src/llm_extractor.py:483
import json
import logging
import time

import anthropic

log = logging.getLogger(__name__)

HAIKU = "claude-haiku-4-5-20251001"
CHUNK = 8
_api = anthropic.Anthropic(timeout=60.0)  # expect-not: retries-disabled, hardcoded-api-key

TAGGING_RULES = (
    "You tag news headlines for a live map of world events. For each headline return an object with "
    "topics (one to five lowercase hyphenated slugs that cluster well: prefer 'port-strike' over "
    "'workers-walk-out-at-dock-7'), mood (up, flat or down), weight (1 routine to 5 crisis), place "
    "(the most specific place the event happened, in its usual English name, or null when there is "
    "none), scope (ground, orbit, online or none), and an event_key of three to six words naming the "
    "event itself so that later headlines about it can reuse the same key. Never use catch-all keys "
    "such as 'general news' or 'various updates'. Sports results take the tournament as their key, "
    "film and music news the production or tour, award stories the ceremony and its year. "
) * 12


def _keyword_tags(headline):
    return {"topics": [w for w in headline.lower().split() if len(w) > 6][:3], "mood": "flat"}


def _tag_chunk(chunk):
    listing = "\n".join(f"{n}. {h}" for n, h in enumerate(chunk, 1))
    try:
        reply = _api.messages.create(  # expect-not: uncached-prompt, batchable-fanout, nonstreaming-max-tokens, missing-max-tokens, model-routing
            model=HAIKU,
            max_tokens=len(chunk) * 1200,
            system=[{"type": "text", "text": TAGGING_RULES, "cache_control": {"type": "ephemeral"}}],
            messages=[{"role": "user", "content": f"Tag these {len(chunk)} headlines:\n{listing}"}],
        )
        return json.loads(reply.content[0].text)
    except Exception as err:  # expect-not: string-matched-error
        log.warning("tagging failed: %s", err)
        return None


def tag_headlines(headlines):
    out = []
    for start in range(0, len(headlines), CHUNK):  # expect-not: naive-retry, unbounded-fanout
        if start:
            time.sleep(0.5)
        chunk = headlines[start : start + CHUNK]
        tags = _tag_chunk(chunk)
        if tags:
            out.extend(zip(chunk, tags))
        else:
            out.extend((h, _keyword_tags(h)) for h in chunk)
    return out


def enrich(store):
    pending = store.pending_headlines(limit=256)
    for headline, tags in tag_headlines(pending):
        store.save_tags(headline, tags)
    return len(pending)
