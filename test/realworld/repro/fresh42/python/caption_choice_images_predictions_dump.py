# realworld repro (positive + negative): batchable-fanout -- an offline benchmark sends one image-plus-question
# request per item of a JSON file through a same-file helper (model id formatted from a command-line choice,
# max_tokens 20, a placeholder key on a module-level client) and dumps the one-letter answers to a JSON file; the
# loop's bare except only stops in the debugger, the helper's bare except re-raises
# source: amitakamath/reporting_bias eval/claude_eval.py:48
# source: amitakamath/reporting_bias eval/claude_eval.py:99
# source: amitakamath/reporting_bias eval/claude_eval.py:72
# source: amitakamath/reporting_bias eval/claude_eval.py:9
import argparse
import base64
import json
import pdb

import anthropic

client = anthropic.Anthropic(api_key="INSERT YOUR KEY")  # expect-not: hardcoded-api-key, retries-disabled


def image_b64(path: str) -> str:
    with open(path, "rb") as fh:
        return base64.standard_b64encode(fh.read()).decode("utf-8")


def ask(model: str, picture: str, question: str):
    try:
        return client.messages.create(  # expect: batchable-fanout; expect-not: missing-max-tokens, nonstreaming-max-tokens, uncached-prompt
            model=model,
            max_tokens=20,
            temperature=0,
            messages=[
                {
                    "role": "user",
                    "content": [
                        {"type": "image", "source": {"type": "base64", "media_type": "image/jpeg", "data": picture}},
                        {"type": "text", "text": question},
                    ],
                }
            ],
        )
    except:  # expect-not: string-matched-error
        raise


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tier", default="sonnet", choices=["sonnet", "haiku"])
    args = parser.parse_args()
    model = "claude-3-5-{}-20241022".format(args.tier)
    items = json.load(open("data/items.json"))
    answers = []
    for item in items:  # expect-not: naive-retry, unbounded-fanout
        question = "Which caption fits the picture best? Reply with the letter only.\n" + "\n".join(item["options"])
        try:
            reply = ask(model, image_b64("data/" + item["file"]), question)
        except:
            pdb.set_trace()
        answers.append(reply.content[0].text.strip())
    json.dump(answers, open(f"answers_{args.tier}.json", "w"))


if __name__ == "__main__":
    main()
