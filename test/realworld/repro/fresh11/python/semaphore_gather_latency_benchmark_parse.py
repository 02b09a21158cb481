# realworld repro (negative): batchable-fanout look-alike -- a benchmark runner records each call's latency and the
# run's wall-clock time as study results (a batch would not measure them); unbounded-fanout look-alike -- gather
# over all notes, each waiting on a semaphore; retries-disabled look-alike -- max_retries=6;
# nonstreaming-max-tokens look-alike -- a non-streaming parse at 16000, under the limit
# source: vclic/smokingeval run_claude.py:70
# source: vclic/smokingeval run_claude.py:101
# source: vclic/smokingeval run_claude.py:65
import asyncio
import json
import time
from pathlib import Path

import anthropic
from pydantic import BaseModel

RUBRIC = "Read the clinic note and report the patient's smoking status."


class SmokingAnswer(BaseModel):
    status: str
    evidence: str


async def bench(notes: list[dict], out: Path, model: str, width: int) -> None:
    sem = asyncio.Semaphore(width)
    started = time.time()
    async with anthropic.AsyncAnthropic(max_retries=6) as client:  # expect-not: retries-disabled

        async def one(note: dict) -> dict:
            async with sem:
                t = time.time()
                try:
                    resp = await client.messages.parse(  # expect-not: batchable-fanout, nonstreaming-max-tokens
                        model=model,
                        max_tokens=16000,
                        system=RUBRIC,
                        messages=[{"role": "user", "content": note["text"]}],
                        output_format=SmokingAnswer,
                    )
                    return {"id": note["id"], "latency_s": time.time() - t, **resp.parsed_output.model_dump()}
                except anthropic.APIStatusError as err:
                    return {"id": note["id"], "latency_s": time.time() - t, "error": err.message}

        results = await asyncio.gather(*(one(n) for n in notes))  # expect-not: unbounded-fanout
    ok = sorted(r["latency_s"] for r in results if "error" not in r)
    meta = {"wall_clock_s": time.time() - started, "median_latency_s": ok[len(ok) // 2] if ok else None}
    out.write_text(json.dumps({"results": results, "meta": meta}, indent=2))
