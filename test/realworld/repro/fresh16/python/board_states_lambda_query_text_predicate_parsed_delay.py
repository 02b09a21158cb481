# realworld repro (positive + negative): string-matched-error, naive-retry -- a script asks several providers to score
# board states; main builds a per-provider lambda (the Claude one calls a same-file function sending one create at
# 256 tokens with a short constant system prompt) and hands it to a builder whose per-state attempt loop catches
# every error, decides "rate limited" with a same-file predicate testing the error text for "429" / "rate_limit" /
# "too many requests", sleeps a delay parsed from the error text (20 s by default) or 2**attempt otherwise, and never
# reads retry-after; the model is picked from a registry for a model comparison
# (tuneL: made faithful to the original's shape: the lambda is handed over by keyword (ask=ask) from an
# if/else per provider, the delay helper's docstring names Retry-After while only parsing the text, and the
# predicate is called twice in the handler (a daily-quota branch first); the string-matched-error marker moved
# from the predicate's line to its first call in the handler, where the finding starts (the label's alt line))
# source: jmerskine1/RL-multiple-human-feedback llm_annotate.py:76
# source: jmerskine1/RL-multiple-human-feedback llm_annotate.py:362
# source: jmerskine1/RL-multiple-human-feedback llm_annotate.py:247
# source: jmerskine1/RL-multiple-human-feedback llm_annotate.py:351
# (corrected by tuneM: each answer is folded into an imported trainer's feedback, as in the original, and only the
# trainer's whole result is pickled by main, not added to a tally that is saved: the batchable-fanout `ignore` shape)
import argparse
import os
import pickle
import re
import time

import anthropic

from engines import ask_engine as _ask_engine
from trainer import Feedback, Trainer

MODELS = {"claude-big": "claude-opus-4-6", "claude-lite": "claude-haiku-4-5-20251001"}
RULES = "You judge chess positions. Reply with one JSON object giving each candidate move a score from 0 to 1."


def _throttled(exc) -> bool:
    text = str(exc).lower()
    return any(word in text for word in ("429", "rate_limit", "too many requests"))


def _daily_cap(exc) -> bool:
    return "PerDay" in str(exc)


def _wait_hint(exc, fallback: float = 20.0) -> float:
    """The wait the API suggests in its message ("Retry-After: 30" or "retry after 30"), else the fallback."""
    found = re.search(r"retry[^0-9]*(\d+(?:\.\d+)?)", str(exc), re.IGNORECASE)
    return float(found.group(1)) if found else fallback


def _ask_claude(client, model, board, moves):
    reply = client.messages.create(  # expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
        model=model,
        max_tokens=256,
        system=RULES,
        messages=[{"role": "user", "content": f"{board}\nMoves: {', '.join(moves)}"}],
    )
    return reply.content[0].text


def score_positions(positions, moves, ask, tries=3):
    trainer = Trainer()
    for key, board in positions.items():  # expect-not: unbounded-fanout
        for attempt in range(tries + 1):  # expect: naive-retry
            try:
                fb = Feedback(state=key, scores=ask(board, moves))
                trainer.collect_feedback([[fb]])
                break
            except Exception as exc:
                if _throttled(exc) and _daily_cap(exc):  # expect: string-matched-error
                    print("daily cap reached, skipping", key)
                    break
                elif _throttled(exc) and attempt < tries:
                    time.sleep(max(_wait_hint(exc), 1.0))
                elif attempt < tries:
                    time.sleep(2**attempt)
                else:
                    print("gave up on", key, exc)
    return trainer.brain()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", choices=list(MODELS), default="claude-lite")
    args = ap.parse_args()
    client = anthropic.Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])  # expect-not: retries-disabled, hardcoded-api-key
    model = MODELS[args.model]
    if args.model.startswith("claude"):
        ask = lambda board, moves, _m=model: _ask_claude(client, _m, board, moves)  # noqa: E731
    else:
        ask = lambda board, moves: _ask_engine(board, moves)  # noqa: E731
    positions = {"p1": "r1bqkbnr/pppp1ppp/8/4p3", "p2": "rnbqkb1r/pppp1ppp/5n2/4p3"}
    brain = score_positions(positions, ["e4", "d4", "Nf3"], ask=ask)
    with open(f"brain_{args.model}.pkl", "wb") as f:
        pickle.dump(brain, f)


if __name__ == "__main__":
    main()
