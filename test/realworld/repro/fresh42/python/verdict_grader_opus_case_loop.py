# realworld repro (positive + negative): batchable-fanout, model-routing -- an offline evaluation script walks every
# case of a JSON file, lets a local model answer it, and grades each answer with one Claude 3 Opus request of 100
# tokens through a same-file helper that must reply with one verdict word; the verdicts are dumped to a JSON file
# at the end; the helper logs and re-raises every error (no retry), the loop is sequential
# source: joelburget/trust-tokens eval/claude_eval.py:69
# source: joelburget/trust-tokens eval/claude_eval.py:117
# source: joelburget/trust-tokens eval/claude_eval.py:80
# source: joelburget/trust-tokens eval/claude_eval.py:109
import json
import logging
import sys

import anthropic

log = logging.getLogger("grader")


def local_answer(question: str) -> str:
    return question[::-1]


def grade(answer: str, rubric: str, client: anthropic.Anthropic) -> str:
    try:
        text = (
            "Does the answer below satisfy the rubric? Reply with exactly one word: OK, WRONG or DECLINED.\n\n"
            f"Answer: {answer}\n\nRubric: {rubric}"
        )
        reply = client.messages.create(  # expect: batchable-fanout, model-routing; expect-not: missing-max-tokens, nonstreaming-max-tokens, uncached-prompt
            model="claude-3-opus-20240229",
            max_tokens=100,
            temperature=0,
            messages=[{"role": "user", "content": text}],
        )
        word = reply.content[0].text.strip().upper()
        if word not in ("OK", "WRONG", "DECLINED"):
            raise ValueError(f"unexpected verdict {word}")
        return word
    except Exception as exc:  # expect-not: string-matched-error
        log.error("grading failed: %s", exc)
        raise


def main() -> None:
    client = anthropic.Anthropic()  # expect-not: retries-disabled, hardcoded-api-key
    with open(sys.argv[1], encoding="utf-8") as fh:
        cases = json.load(fh)
    graded = []
    for case in cases:  # expect-not: naive-retry, unbounded-fanout
        answer = local_answer(case["question"])
        graded.append({"answer": answer, "verdict": grade(answer, case["rubric"], client)})
    with open("verdicts.json", "w", encoding="utf-8") as fh:
        json.dump(graded, fh, indent=2)


if __name__ == "__main__":
    main()
