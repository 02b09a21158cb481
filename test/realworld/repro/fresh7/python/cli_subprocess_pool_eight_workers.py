# realworld repro (negative): unbounded-fanout look-alike -- an offline checker hands every pending document to a
# pool of eight threads, and each task shells out to the Claude Code CLI (no API client in the file)
# source: fiorellarmartins/pronabec-resoluciones classify_with_claude.py:161
import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor, as_completed

THREADS = 8


def check(doc):
    prompt = f"Does this ruling grant or revoke the grant? Answer in JSON.\n\n{doc['text'][:2000]}"
    try:
        done = subprocess.run(["claude", "-p", prompt], capture_output=True, text=True, timeout=90)
        return {"id": doc["id"], **json.loads(done.stdout.strip())}
    except Exception as exc:
        return {"id": doc["id"], "error": str(exc)}


def main(path):
    docs = [json.loads(line) for line in open(path)]
    with ThreadPoolExecutor(max_workers=THREADS) as pool, open("checked.jsonl", "a") as out:
        jobs = {pool.submit(check, d): d for d in docs}  # expect-not: unbounded-fanout
        for job in as_completed(jobs):
            out.write(json.dumps(job.result()) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
