# realworld repro (positive + negative): batchable-fanout -- a daily job walks every active taproom and each of its
# menu URLs, a same-file helper builds a default client and sends one structured-output messages.parse per fetched
# page (config model, 16,000 tokens, short constant system prompt), and the items are upserted into the database;
# look-alikes: the per-URL handler records a readable error and moves on (no retry), the error describer tests the
# text only for "api_key" and recognises rate limits by class, the taprooms are scraped one after another
# (made faithful by the lead: the original's job takes no parameters, as refresh_all() does here)
# source: andrewsunhwang/East-Bay-Beer-Tracker app/scraper.py:138
# source: andrewsunhwang/East-Bay-Beer-Tracker app/scraper.py:137
# source: andrewsunhwang/East-Bay-Beer-Tracker app/scraper.py:88
# source: andrewsunhwang/East-Bay-Beer-Tracker app/scraper.py:207
# source: andrewsunhwang/East-Bay-Beer-Tracker app/scraper.py:347
import sqlite3
from typing import Optional

import anthropic
import httpx
from pydantic import BaseModel
from taproom_settings import MENU_MODEL

DB_PATH = "taprooms.db"


class MenuItem(BaseModel):
    name: str
    style: Optional[str] = None
    price: Optional[float] = None


class Menu(BaseModel):
    items: list[MenuItem]


def describe_failure(exc: Exception) -> str:
    if isinstance(exc, httpx.HTTPStatusError):
        return f"the site answered HTTP {exc.response.status_code}"
    if isinstance(exc, anthropic.RateLimitError):
        return "Claude rate limit reached; tomorrow's run will try again"
    if isinstance(exc, anthropic.APIStatusError):
        return f"Claude error {exc.status_code}"
    if "api_key" in str(exc).lower():  # expect-not: string-matched-error
        return "ANTHROPIC_API_KEY is not set on this server"
    return f"unexpected: {exc}"


def fetch_text(url: str) -> str:
    with httpx.Client(timeout=20, follow_redirects=True) as web:
        page = web.get(url)
        page.raise_for_status()
    return page.text[:40000]


def read_menu(taproom: str, url: str, text: str) -> list[MenuItem]:
    client = anthropic.Anthropic()  # expect-not: retries-disabled, hardcoded-api-key
    result = client.messages.parse(  # expect: batchable-fanout; expect-not: model-routing, nonstreaming-max-tokens, missing-max-tokens, uncached-prompt
        model=MENU_MODEL,
        max_tokens=16000,
        system="You list the drinks a taproom page offers. Skip food, merchandise and events. Return an empty list if there is no menu.",
        messages=[{"role": "user", "content": f"Page {url} of {taproom}:\n\n{text}"}],
        output_format=Menu,
    )
    return result.parsed_output.items if result.parsed_output else []


def refresh_taproom(db: sqlite3.Connection, taproom_id: int, name: str, urls: list[str]) -> list[str]:
    problems = []
    for url in urls:
        try:
            for item in read_menu(name, url, fetch_text(url)):
                db.execute(
                    "INSERT OR REPLACE INTO items (taproom_id, name, style, price) VALUES (?, ?, ?, ?)",
                    (taproom_id, item.name, item.style, item.price),
                )
        except Exception as exc:  # expect-not: naive-retry
            problems.append(f"{url}: {describe_failure(exc)}")
    db.commit()
    return problems


def refresh_all() -> None:
    db = sqlite3.connect(DB_PATH)
    taprooms = db.execute("SELECT id, name, urls FROM taprooms WHERE active = 1").fetchall()
    for taproom_id, name, urls in taprooms:  # expect-not: unbounded-fanout
        issues = refresh_taproom(db, taproom_id, name, urls.split())
        print(name, "ok" if not issues else "; ".join(issues))
