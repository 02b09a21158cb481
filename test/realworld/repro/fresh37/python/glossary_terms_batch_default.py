# realworld repro (negative): batchable-fanout, naive-retry (ignore at the imported self-retrying method) -- a CLI
# command labels every extracted word; by default it submits one Message Batches job, and only an explicit --sync
# walks the words one request at a time through GlossaryLabeller.label_word, imported from a sibling module that
# retries it itself
# source: notno/corpora src/corpora/cli/extract.py:142
# source: notno/corpora src/corpora/cli/extract.py:120
import json
import sys
from pathlib import Path

import anthropic

from glossary_terms_batch_default_client import GLOSSARY_RULES, GlossaryLabeller


def label_synchronously(words: list[str], origin: str) -> list[dict]:
    labeller = GlossaryLabeller()
    labelled = []
    for word in words:  # expect-not: unbounded-fanout
        try:
            labelled.append(labeller.label_word(word, origin))  # expect-not: batchable-fanout
        except Exception as exc:
            print(f"skipped {word}: {exc}", file=sys.stderr)
    return labelled


def submit_batch(words: list[str]) -> str:
    client = anthropic.Anthropic()
    job = client.messages.batches.create(
        requests=[
            {
                "custom_id": f"w{i}",
                "params": {
                    "model": GlossaryLabeller.MODEL,
                    "max_tokens": GlossaryLabeller.OUTPUT_LIMIT,
                    "system": GLOSSARY_RULES,
                    "messages": [{"role": "user", "content": f"Word: {w}"}],
                },
            }
            for i, w in enumerate(words)
        ]
    )
    return job.id


def main(words_file: str, out_file: str, sync: bool = False) -> None:
    words = [w.strip() for w in Path(words_file).read_text(encoding="utf-8").splitlines() if w.strip()]
    if sync:
        rows = label_synchronously(words, origin=words_file)
        Path(out_file).write_text(json.dumps(rows, indent=2), encoding="utf-8")
    else:
        print(f"batch submitted: {submit_batch(words)}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sync="--sync" in sys.argv)
