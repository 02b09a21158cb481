# realworld repro (positive + negative): batchable-fanout -- a module run with `python -m`: main gathers every
# distinct ingredient name and calls a function whose loop sends the names not yet cached in slices of 20, each
# through a same-file checker and a same-file sender that makes one create on a Sonnet 5 constant at an
# 8,000-token constant; each slice's answers go into the cache dict, written to a JSON file after the loop; the
# sender re-asks halves of a slice whose answer came back truncated (after a success, not an error); a second loop
# of the module (not reached from main) stops at the first service error; an error-reason helper tests the text for
# a billing message and names rate limits by class and status; look-alikes: 8,000 tokens is under the non-streaming
# bar and above the classification bar
# source: amrxshariff/avian_v1 src/claude_classifier.py:302
# source: amrxshariff/avian_v1 src/claude_classifier.py:320
# source: amrxshariff/avian_v1 src/claude_classifier.py:507
# source: amrxshariff/avian_v1 src/claude_classifier.py:376
# source: amrxshariff/avian_v1 src/claude_classifier.py:584
import json
import re
from pathlib import Path

import anthropic

MODEL = "claude-sonnet-5"
CEILING = 8000
SLICE = 20
STORE = Path("cache/ingredients.json")


def _read_store() -> dict:
    return json.loads(STORE.read_text()) if STORE.exists() else {}


def _write_store(store: dict) -> None:
    STORE.parent.mkdir(parents=True, exist_ok=True)
    STORE.write_text(json.dumps(store, indent=1))


def _why(err: Exception) -> str | None:
    words = str(err).lower()
    if "credit balance" in words:  # expect-not: string-matched-error
        return "billing"
    if type(err).__name__ == "RateLimitError" or getattr(err, "status_code", None) == 429:
        return "busy"
    return None


def _send(api, names: list) -> list:
    numbered = "\n".join(f"{i}. {n}" for i, n in enumerate(names))
    reply = api.messages.create(  # expect: batchable-fanout; expect-not: model-routing, nonstreaming-max-tokens, missing-max-tokens
        model=MODEL,
        max_tokens=CEILING,
        system="Give each ingredient its food group. Answer with a JSON array of {\"i\": n, \"group\": \"...\"}.",
        messages=[{"role": "user", "content": numbered}],
    )
    if reply.stop_reason == "max_tokens" and len(names) > 1:
        half = len(names) // 2
        return _send(api, names[:half]) + _send(api, names[half:])  # expect-not: naive-retry
    found = re.search(r"\[.*\]", reply.content[0].text, re.DOTALL)
    return json.loads(found.group(0)) if found else [{"group": None} for _ in names]


def _check(api, names: list) -> list:
    answers = _send(api, names)
    if len(answers) != len(names):
        raise ValueError("answer count differs")
    return answers


def group_all(names: list) -> dict:
    store = _read_store()
    todo = [n for n in names if n not in store]
    api = anthropic.Anthropic()
    try:
        for start in range(0, len(todo), SLICE):  # expect-not: unbounded-fanout
            part = todo[start:start + SLICE]
            for name, answer in zip(part, _check(api, part)):
                store[name] = answer.get("group")
    finally:
        _write_store(store)
    return store


def group_for_visitor(names: list) -> dict:
    api = anthropic.Anthropic()
    done, reason = {}, None
    for start in range(0, len(names), SLICE):  # expect-not: naive-retry
        part = names[start:start + SLICE]
        try:
            answers = _send(api, part)
        except Exception as err:
            reason = _why(err)
            if reason is None:
                raise
            break
        done.update({n: a.get("group") for n, a in zip(part, answers)})
    return {"done": done, "stopped": reason}


def main() -> None:
    names = sorted({line.strip().lower() for line in open("ingredients.txt") if line.strip()})
    print(f"{len(names)} names")
    store = group_all(names)
    print(f"{sum(1 for v in store.values() if v)} grouped")


if __name__ == "__main__":
    main()
