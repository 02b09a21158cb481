# realworld repro (module): the helpers imported by episode_entity_backfill_imported_append.py -- fixed extraction
# instructions, a parser, an append of one JSON line per episode to a raw file and a regroup that rewrites the
# aggregate file; no Claude call here
# source: gunnarr/mediepodden scripts/extract_entities.py:80
import json
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
RAW_FILE = DATA / "entities_raw.jsonl"
SUMMARY_FILE = DATA / "entities.json"
KINDS = ("people", "companies", "outlets", "other")

INSTRUCTIONS = """You extract named entities from a podcast transcript.
Return only JSON of the form {"people": [], "companies": [], "outlets": [], "other": []}.
Use full names, put each entity in one list only, and leave a list empty when nothing fits.

Transcript:
"""


def parse_answer(text: str) -> dict:
    cleaned = text.strip().strip("`")
    try:
        data = json.loads(cleaned)
    except ValueError:
        return {kind: [] for kind in KINDS}
    return {kind: [str(x).strip() for x in data.get(kind, []) if str(x).strip()] for kind in KINDS}


def append_raw_record(entry: dict) -> None:
    DATA.mkdir(parents=True, exist_ok=True)
    with open(RAW_FILE, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(entry, ensure_ascii=False) + "\n")


def regroup() -> None:
    if not RAW_FILE.exists():
        return
    counts: dict[str, dict[str, int]] = {kind: {} for kind in KINDS}
    for line in RAW_FILE.read_text(encoding="utf-8").splitlines():  # expect-not: batchable-fanout
        if not line.strip():
            continue
        record = json.loads(line)
        for kind in KINDS:
            for name in record["entities"].get(kind, []):
                counts[kind][name] = counts[kind].get(name, 0) + 1
    SUMMARY_FILE.write_text(json.dumps(counts, ensure_ascii=False, indent=2), encoding="utf-8")
