# realworld repro (positive + negative): naive-retry, batchable-fanout -- an offline CLI walks every workbook of a
# folder and every section of its sheet, sending one streamed Sonnet 4.6 request per section (32,000 tokens, a
# constant system prompt of a few thousand characters, below that model's 2,048-token cache minimum) through a
# same-file helper whose three-attempt loop sleeps a fixed 20 s before each re-send after any error, never reading
# retry-after; the parsed sections are flattened and written to CSV after each workbook
# source: UMN-Lorenz-Group/NUST_Data_Prep extract_nust_xlsx.py:254
# source: UMN-Lorenz-Group/NUST_Data_Prep extract_nust_xlsx.py:261
# source: UMN-Lorenz-Group/NUST_Data_Prep extract_nust_xlsx.py:430
# source: UMN-Lorenz-Group/NUST_Data_Prep extract_nust_xlsx.py:286
# source: UMN-Lorenz-Group/NUST_Data_Prep extract_nust_xlsx.py:482
import csv
import json
import os
import sys
import time
from pathlib import Path

import anthropic

LEDGER_PROMPT = """You read one section of an old orchard harvest ledger, given as tab-separated rows.
Each row starts with its row number (L12, L13, ...). Empty cells are empty strings.

SECTION KINDS (tag in the first column):
- h1: orchard list (Orchard, Owner, Founded)
- h2: variety list (Variety, Rootstock, Planted, Notes)
- h3: per-orchard yield in crates
- h4: per-orchard first-pick date
- h5: per-orchard fruit size score
- h6: multi-season averages: IGNORE COMPLETELY

ORCHARD NAMES: write them as Place_Region, for example "Nth. Hillside" becomes Hillside_N and
"Sth. Valley Farm" becomes Valley_Farm_S; keep unknown names as they are with an empty region.

TRAIT NAMES: map "CRATES", "Yield (crates)" and "crates/acre" to "YIELD (crates)"; map "FIRST PICK",
"Pick date" and "Harvest start" to "FIRST PICK (date)"; map "SIZE", "Size score" and "Fruit size" to
"SIZE (score)".

FOOTER ROWS such as "No. of orchards", "Std. dev." and "Rows per block" are metadata, not varieties.

Answer with JSON only, no fences, shaped like this:
{
  "section": "<the label you were given>",
  "varieties": [{"variety": "...", "rootstock": "...", "planted": "...", "notes": "..."}],
  "traits": [
    {"trait": "YIELD (crates)", "rows": [{"variety": "...", "mean": "...", "orchards": {"Hillside_N": "..."}}],
     "footer": {"orchard_count": {}, "std_dev": {}}}
  ]
}

Rules: keep every variety row; write null for blanks and dashes; keep values exactly as printed
("7-2*", "+3.5 *", "4M"); return empty lists for kinds that are absent; never extract h6.
"""


def grid_text(rows: list[list[str]], first: int) -> str:
    return "\n".join(f"L{first + i}\t" + "\t".join(r) for i, r in enumerate(rows))


def read_section(client: anthropic.Anthropic, grid: str, label: str, tries: int = 3, pause: int = 20) -> dict:
    body = f"Section: {label}\n\nRows:\n{grid}"
    for attempt in range(1, tries + 1):  # expect: naive-retry
        if attempt > 1:
            print(f"  retry {attempt}/{tries} for {label} in {pause}s")
            time.sleep(pause)
        try:
            pieces = []
            with client.messages.stream(  # expect: batchable-fanout; expect-not: uncached-prompt, model-routing, nonstreaming-max-tokens, missing-max-tokens
                model="claude-sonnet-4-6",
                max_tokens=32000,
                system=LEDGER_PROMPT,
                messages=[{"role": "user", "content": body}],
            ) as stream:
                for chunk in stream.text_stream:
                    pieces.append(chunk)
            text = "".join(pieces).strip()
            if not text:
                continue
            try:
                return json.loads(text)
            except json.JSONDecodeError as bad:
                if attempt == tries:
                    return {"section": label, "error": str(bad)}
        except Exception as exc:  # expect-not: string-matched-error
            print(f"  request failed on attempt {attempt}: {exc}")
            if attempt == tries:
                return {"section": label, "error": str(exc)}
    return {"section": label, "error": "no attempts left"}


def sections_of(path: Path) -> list[tuple[str, int, list[list[str]]]]:
    rows = [line.rstrip("\n").split("\t") for line in path.read_text(encoding="utf-8").splitlines()]
    starts = [i for i, r in enumerate(rows) if r and r[0] == "h2"] or [0]
    out = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(rows)
        out.append((f"Block_{n + 1}", start + 1, rows[start:end]))
    return out


def process_ledger(path: Path, out_dir: Path, client: anthropic.Anthropic) -> None:
    flat = []
    for label, first, rows in sections_of(path):  # expect-not: unbounded-fanout
        parsed = read_section(client, grid_text(rows, first), label)
        if "error" in parsed:
            (out_dir / f"error_{label}.json").write_text(json.dumps(parsed), encoding="utf-8")
            continue
        for trait in parsed.get("traits", []):
            for row in trait.get("rows", []):
                flat.append({"section": label, "trait": trait.get("trait"), "variety": row.get("variety"), "mean": row.get("mean")})
    with open(out_dir / f"{path.stem}_traits.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=["section", "trait", "variety", "mean"])
        writer.writeheader()
        writer.writerows(flat)


def main() -> None:
    key = os.environ.get("ANTHROPIC_API_KEY")
    if not key:
        sys.exit("set ANTHROPIC_API_KEY")
    out_dir = Path(sys.argv[2])
    out_dir.mkdir(parents=True, exist_ok=True)
    client = anthropic.Anthropic(api_key=key)  # expect-not: retries-disabled, hardcoded-api-key
    for ledger in sorted(Path(sys.argv[1]).glob("*.tsv")):
        process_ledger(ledger, out_dir, client)


if __name__ == "__main__":
    main()
