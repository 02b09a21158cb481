# realworld repro (negative): a FastAPI flashcard service starts a background job per request that hands every chunk
# of a document to a thread pool fixed at 14 workers (the request is made in an imported generator module) and polls
# nothing itself; its handlers word failures: the text of a permission or status error is tested for credit and
# billing words (an out-of-credit message, not a rate limit), and a RateLimitError fails the job without re-sending
# source: MarioKrstevski/eor-cards backend/routers/generate.py:201
# source: MarioKrstevski/eor-cards backend/routers/generate.py:191
# source: MarioKrstevski/eor-cards backend/routers/generate.py:243
# source: MarioKrstevski/eor-cards backend/routers/generate.py:251
# source: MarioKrstevski/eor-cards backend/routers/generate.py:247
# source: MarioKrstevski/eor-cards backend/routers/generate.py:166
from concurrent.futures import ThreadPoolExecutor, as_completed

import anthropic
from fastapi import APIRouter, BackgroundTasks

from cards_app.config import CLAUDE_KEY
from cards_app.generator import cards_for_section
from cards_app.jobs import finish_job, mark_failed, save_cards

router = APIRouter()


def _build(job_id: int, sections: list[dict], rules: str, model: str) -> None:
    try:
        client = anthropic.Anthropic(api_key=CLAUDE_KEY)  # expect-not: retries-disabled, hardcoded-api-key

        def one(section: dict):
            return section, cards_for_section(client, section, rules, model)  # expect-not: batchable-fanout

        with ThreadPoolExecutor(max_workers=14) as pool:
            pending = [pool.submit(one, s) for s in sections]  # expect-not: unbounded-fanout
            for done in as_completed(pending):
                section, cards = done.result()
                save_cards(job_id, section["id"], cards)
        finish_job(job_id)
    except anthropic.PermissionDeniedError as exc:
        text = str(exc).lower()
        if "credit" in text or "billing" in text or "quota" in text:  # expect-not: string-matched-error
            mark_failed(job_id, "The account is out of credit; top it up and start again.")
        else:
            mark_failed(job_id, f"Permission error: {exc}")
    except anthropic.RateLimitError:  # expect-not: naive-retry
        mark_failed(job_id, "Rate limited; please start the job again in a minute.")
    except anthropic.APIStatusError as exc:
        text = str(exc).lower()
        if "credit" in text or "balance" in text:  # expect-not: string-matched-error
            mark_failed(job_id, "The account is out of credit; top it up and start again.")
        else:
            mark_failed(job_id, f"API error {exc.status_code}")


@router.post("/jobs")
def start(body: dict, tasks: BackgroundTasks) -> dict:
    tasks.add_task(_build, body["job_id"], body["sections"], body["rules"], body.get("model", "claude-sonnet-4-5"))
    return {"job_id": body["job_id"]}
