# realworld repro (positive + negative): naive-retry, batchable-fanout -- a one-off offline script reads every quiz
# row still missing translations, sends one create per row through a helper whose three-attempt loop sleeps 2 then
# 4 s on a rate limit (retry-after never read, default client), and writes each answer back to its row; look-alikes:
# the model comes from settings, 1,024 tokens, no system prompt (the instructions go in the user turn)
# source: seoki21/tpk_mvp backend/scripts/translate_feedback.py:141
# source: seoki21/tpk_mvp backend/scripts/translate_feedback.py:143
# source: seoki21/tpk_mvp backend/scripts/translate_feedback.py:169
import json
import sys
import time

import anthropic

from quizapp.settings import CLAUDE_KEY, CLAUDE_MODEL
from quizapp.store import open_db

client = anthropic.Anthropic(api_key=CLAUDE_KEY)  # expect-not: retries-disabled, hardcoded-api-key

ASK = "Translate these hints into French and German. Answer with JSON {{\"fr\": [...], \"de\": [...]}} only.\n\n{hints}"


def translate(hints: list[str]) -> dict:
    tries = 2
    for n in range(tries + 1):  # expect: naive-retry
        try:
            reply = client.messages.create(  # expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens, unbounded-fanout
                model=CLAUDE_MODEL,
                max_tokens=1024,
                messages=[{"role": "user", "content": ASK.format(hints=json.dumps(hints, ensure_ascii=False))}],
            )
            return json.loads(reply.content[0].text)
        except anthropic.RateLimitError:  # expect-not: string-matched-error
            if n < tries:
                time.sleep(2 ** (n + 1))
            else:
                raise


def main():
    db = open_db()
    rows = db.execute("SELECT id, hints FROM quiz WHERE hints_i18n IS NULL").fetchall()
    for row in rows:
        try:
            done = translate(json.loads(row["hints"]))
        except Exception as err:
            print(f"{row['id']}: {err}", file=sys.stderr)
            continue
        db.execute("UPDATE quiz SET hints_i18n = ? WHERE id = ?", (json.dumps(done), row["id"]))
        db.commit()
        time.sleep(0.5)


if __name__ == "__main__":
    main()
