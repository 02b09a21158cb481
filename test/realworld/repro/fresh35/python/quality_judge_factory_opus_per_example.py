# realworld repro (positive + negative): model-routing -- a factory returns a judge closure that sends one create
# per training example for a 0-10 quality score (structured output) on Opus 4.8 by default (the factory's and the
# command line's default) at a max_tokens default of 256; the command line scores each row through the returned
# closure in a comprehension; look-alikes: a catch-all that falls back to a heuristic score (no retry), no system
# prompt, a default client (batchable-fanout is left unmarked: in the source the in-file loop is a spot check whose
# scores are only printed, labelled ignore)
# source: ankit25bcs10610/adaption-ai-lab src/claude_judge.py:61
# source: ankit25bcs10610/adaption-ai-lab src/claude_judge.py:73
# source: ankit25bcs10610/adaption-ai-lab src/claude_judge.py:50
import argparse
import json
from typing import Any, Callable, Dict

RUBRIC = "Rate how well the calls answer the request, 0 to 10.\nRequest: {request}\nCalls: {calls}"
SCHEMA = {
    "type": "object",
    "properties": {"score": {"type": "integer", "enum": list(range(11))}, "why": {"type": "string"}},
    "required": ["score", "why"],
    "additionalProperties": False,
}


def fallback_score(example: Dict[str, Any]) -> float:
    return 0.5 if example.get("calls") else 0.0


def build_judge(model: str = "claude-opus-4-8", max_tokens: int = 256) -> Callable[[Dict[str, Any]], float]:
    from anthropic import Anthropic

    client = Anthropic()  # expect-not: retries-disabled, hardcoded-api-key

    def grade(example: Dict[str, Any]) -> float:
        text = RUBRIC.format(request=example.get("request", ""), calls=json.dumps(example.get("calls", [])))
        try:
            reply = client.messages.create(  # expect: model-routing; expect-not: missing-max-tokens, nonstreaming-max-tokens, uncached-prompt, unbounded-fanout
                model=model,
                max_tokens=max_tokens,
                output_config={"format": {"type": "json_schema", "schema": SCHEMA}},
                messages=[{"role": "user", "content": text}],
            )
            if reply.stop_reason == "refusal":
                return fallback_score(example)
            body = next((b.text for b in reply.content if b.type == "text"), "{}")
            return min(max(json.loads(body)["score"] / 10.0, 0.0), 1.0)
        except Exception:  # expect-not: naive-retry, string-matched-error
            return fallback_score(example)

    return grade


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="train.jsonl")
    parser.add_argument("--n", type=int, default=20)
    parser.add_argument("--model", default="claude-opus-4-8")
    args = parser.parse_args()
    with open(args.data, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()][: args.n]
    judge = build_judge(model=args.model)
    scores = [judge(row) for row in rows]
    print(f"mean score {sum(scores) / max(len(scores), 1):.3f} over {len(scores)} rows")


if __name__ == "__main__":
    main()
