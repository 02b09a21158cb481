# realworld repro (positive + negative): naive-retry -- an attempt loop around messages.create that waits a
# linear 20/40/60 s after RateLimitError and re-sends (retry-after never read; a reply that is not JSON is asked
# again, other API errors exit); batchable-fanout -- an offline script (__main__) sends one Haiku call per
# flagged dictionary entry and writes each choice to SQLite one hop above the call (the call is already on
# Haiku, so no model-routing finding belongs on the same line)
# source: spacerest/morpheme-dictionaries scripts/fix_slash_glosses.py:114
# source: spacerest/morpheme-dictionaries scripts/fix_slash_glosses.py:116
import json
import sqlite3
import sys
import time

import anthropic

MODEL = "claude-haiku-4-5-20251001"
SYSTEM = "Pick the single best short English label for a word part. Answer as JSON: chosen, others, sure."


def pick_label(api, entry, options):
    question = json.dumps({"entry": entry, "options": options}, ensure_ascii=False)
    for attempt in range(1, 4):  # expect: naive-retry
        try:
            reply = api.messages.create(  # expect: batchable-fanout
                model=MODEL,
                max_tokens=256,
                system=SYSTEM,
                messages=[{"role": "user", "content": question}],
            )
            return json.loads(reply.content[0].text.strip())
        except json.JSONDecodeError:
            if attempt == 3:
                return None
        except anthropic.RateLimitError:
            time.sleep(20 * attempt)
        except anthropic.APIError as exc:
            print(f"API error: {exc}")
            sys.exit(1)
    return None


def main():
    db = sqlite3.connect("lexicon.db")
    rows = db.execute("SELECT id, label FROM parts WHERE label LIKE '%/%'").fetchall()
    api = anthropic.Anthropic()
    for part_id, label in rows:
        choice = pick_label(api, part_id, [p.strip() for p in label.split("/")])
        if not choice:
            continue
        db.execute("UPDATE parts SET label=? WHERE id=?", (choice["chosen"], part_id))
        db.commit()
    db.close()


if __name__ == "__main__":
    main()
