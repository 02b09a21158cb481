# realworld repro (positive + negative): batchable-fanout, model-routing -- a digest module posts raw requests to
# /v1/messages through a same-file helper (Sonnet 4 by default, max_tokens in the payload); a batch function walks
# every fetched paper one second apart, asks for a single relevance digit (max_tokens=10) and, for relevant ones, a
# short summary, setting both on the paper objects that the command-line runner writes to a Markdown digest; each
# helper catches every error and returns a default (no retry)
# source: ChrisCleaner/climate_ai_papers claude_integration.py:65
# source: ChrisCleaner/climate_ai_papers claude_integration.py:173
# source: ChrisCleaner/climate_ai_papers claude_integration.py:107
# source: ChrisCleaner/climate_ai_papers claude_integration.py:18
import os
import time
from typing import Optional

import requests

MESSAGES_URL = "https://api.anthropic.com/v1/messages"


def api_key() -> str:
    key = os.environ.get("ANTHROPIC_API_KEY")  # expect-not: hardcoded-api-key
    if not key:
        raise ValueError("set ANTHROPIC_API_KEY")
    return key


def ask(prompt: str, system: Optional[str] = None, model: str = "claude-sonnet-4-20250514", max_tokens: int = 1024) -> str:
    body = {"model": model, "max_tokens": max_tokens, "messages": [{"role": "user", "content": prompt}]}
    if system:
        body["system"] = system
    resp = requests.post(  # expect: batchable-fanout, model-routing; expect-not: missing-max-tokens, nonstreaming-max-tokens, uncached-prompt
        MESSAGES_URL,
        headers={"x-api-key": api_key(), "anthropic-version": "2023-06-01", "content-type": "application/json"},
        json=body,
        timeout=60,
    )
    resp.raise_for_status()
    return resp.json()["content"][0]["text"]


def relevance(abstract: str) -> int:
    try:
        digit = ask(f"Rate 0-5 how much this abstract is about machine learning for ocean science.\n\n{abstract}\n\nReply with one digit.", max_tokens=10)
        return max(0, min(5, int(digit.strip())))
    except Exception as exc:  # expect-not: string-matched-error
        print(f"scoring failed: {exc}")
        return 0


def summary(title: str, abstract: str) -> str:
    try:
        return ask(f"Summarise '{title}' in four short lines.\n\n{abstract}", system="You write terse research notes.", max_tokens=600)
    except Exception as exc:
        return f"(no summary: {exc})"


def process_papers(papers: list, threshold: int = 3) -> list:
    for paper in papers:  # expect-not: naive-retry, unbounded-fanout
        paper.score = relevance(paper.abstract)
        if paper.score >= threshold:
            paper.summary = summary(paper.title, paper.abstract)
        time.sleep(1)
    return papers
