# realworld repro (negative): unbounded-fanout, model-routing -- the weekly digest summarises each top story in a
# thread pool sized by a module constant (five workers), each task calling the retrying helper imported from a
# sibling module with Sonnet at 800 tokens; the stories are returned to the caller for an e-mail, not stored
# source: stavrosrybank/NewsAgent newsagent/summarizer.py:132
# source: stavrosrybank/NewsAgent newsagent/summarizer.py:93
import logging
from concurrent.futures import ThreadPoolExecutor, as_completed

import anthropic

from weekly_digest_claude_retry import STORY_TEMPLATE, ask_digest_model

log = logging.getLogger(__name__)

WORKERS = 5


def _one_story(rank: int, story: dict, client: anthropic.Anthropic) -> dict:
    coverage = "\n".join(f"{a['outlet']}: {a['headline']}" for a in story["articles"])
    prompt = STORY_TEMPLATE.format(theme=story["theme"], coverage=coverage)
    try:
        text = ask_digest_model(client, prompt=prompt, temperature=0.5, max_tokens=800)  # expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt
    except Exception as exc:
        log.warning("story %d fell back: %s", rank, exc)
        text = story["theme"]
    return {"rank": rank, "theme": story["theme"], "body": text}


def summarise_stories(stories: list[dict], client: anthropic.Anthropic) -> list[dict]:
    out: list = [None] * len(stories)
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:  # expect-not: unbounded-fanout
        jobs = {pool.submit(_one_story, i + 1, s, client): i for i, s in enumerate(stories)}
        for job in as_completed(jobs):
            out[jobs[job]] = job.result()
    return [s for s in out if s is not None]
