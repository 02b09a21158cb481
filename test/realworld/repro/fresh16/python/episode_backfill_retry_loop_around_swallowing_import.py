# realworld repro (negative): naive-retry, unbounded-fanout -- an offline backfill walks every episode missing a
# summary one at a time with a 3 s pause, and wraps the imported summarise helper in a three-attempt loop with a
# fixed 10 s wait; that helper (another module) catches every Claude error itself and returns an excerpt, so the
# loop only ever re-runs transcript failures; the handler logs the exception's type name only
# source: petarvucetin/ai-newspaper scripts/backfill_summaries.py:41
# source: petarvucetin/ai-newspaper scripts/backfill_summaries.py:38
# source: petarvucetin/ai-newspaper scripts/backfill_summaries.py:45
import asyncio

from podcasts.db import connect
from podcasts.summaries import transcript_then_summary


async def main():
    with connect() as con:
        rows = con.execute("SELECT id, guid, title FROM episodes WHERE summary IS NULL").fetchall()
    written = 0
    for row in rows:  # expect-not: unbounded-fanout
        summary = None
        for attempt in range(3):  # expect-not: naive-retry
            try:
                summary = await transcript_then_summary(row["guid"], row["title"])
                break
            except Exception as exc:  # expect-not: string-matched-error
                kind = type(exc).__name__
                if attempt < 2:
                    print(f"    {kind}, again in 10s")
                    await asyncio.sleep(10)
                else:
                    print(f"    {kind}, giving up")
        await asyncio.sleep(3)
        if summary:
            with connect() as con:
                con.execute("UPDATE episodes SET summary = ? WHERE id = ?", (summary, row["id"]))
            written += 1
    print(f"{written} summaries written")


if __name__ == "__main__":
    asyncio.run(main())
