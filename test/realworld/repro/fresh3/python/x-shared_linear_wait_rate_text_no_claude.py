# realworld repro (negative): naive-retry and string-matched-error -- a generic retry helper with a linear wait
# when the error text says "rate limit", in a utilities module that holds no Claude call (it is applied to
# Claude calls elsewhere)
# source: EdoardoChidichimo/EthnographyCoding src/utils.py:135
# source: EdoardoChidichimo/EthnographyCoding src/utils.py:139
import csv
import time
from pathlib import Path


def read_codes(path="codes.csv"):
    with open(Path(path), newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def with_patience(work, tries=3, first_wait=15):
    for attempt in range(tries):  # expect-not: naive-retry
        try:
            return work()
        except Exception as err:
            if "rate limit" in str(err).lower() and attempt < tries - 1:  # expect-not: string-matched-error
                time.sleep(first_wait * (attempt + 1))
            else:
                raise
