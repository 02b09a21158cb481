# realworld repro (negative): batchable-fanout -- an argparse benchmark runs one coding task --runs times (default 1)
# for a pass@k estimate; each run builds the prompt, calls a same-file provider switch that reaches one Claude
# create (model and max_tokens from the command line), parses the edits and runs the tests before the next run; the
# runs are written to one JSON file at the end; rounds at one task, not items of data
# source: cv700/asvs-security-eval scripts/run_claude.py:54
# source: cv700/asvs-security-eval scripts/run_claude.py:341
# source: cv700/asvs-security-eval scripts/run_claude.py:273
# source: cv700/asvs-security-eval scripts/run_claude.py:53
import argparse
import json
from pathlib import Path

SYSTEM = "You fix bugs. Reply with JSON only."


def ask_claude(model, prompt, limit):
    from anthropic import Anthropic

    api = Anthropic()  # expect-not: retries-disabled, hardcoded-api-key
    reply = api.messages.create(  # expect-not: batchable-fanout, model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
        model=model,
        max_tokens=limit,
        system=SYSTEM,
        messages=[{"role": "user", "content": prompt}],
    )
    return reply.content[0].text


def ask(provider, model, prompt, limit):
    if provider == "anthropic":
        return ask_claude(model, prompt, limit)
    raise ValueError(provider)


def one_run(task_dir, args, n):
    prompt = (task_dir / "TASK.md").read_text()
    raw = ask(args.provider, args.model, prompt, args.max_tokens)
    try:
        edits = json.loads(raw)
    except ValueError as exc:  # expect-not: string-matched-error
        return {"run": n, "error": str(exc)}
    return {"run": n, "edits": len(edits.get("edits", []))}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--task", required=True)
    ap.add_argument("--model", default="claude-sonnet-4-5")
    ap.add_argument("--provider", default="anthropic")
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--max-tokens", type=int, default=8000)
    args = ap.parse_args()
    task_dir = Path("tasks") / args.task
    results = []
    for n in range(1, args.runs + 1):  # expect-not: naive-retry, unbounded-fanout
        results.append(one_run(task_dir, args, n))
    Path("results.json").write_text(json.dumps({"task": args.task, "runs": results}))


if __name__ == "__main__":
    main()
