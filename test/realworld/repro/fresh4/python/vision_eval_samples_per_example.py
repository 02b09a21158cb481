# realworld repro (positive + negative): batchable-fanout -- an offline evaluation script that sends one vision
# create per test example (one local call below the test-set loop) and saves the aggregated scores to JSON;
# naive-retry look-alike -- `for _ in range(samples)` asks for independent samples of one request and an API error
# ends it (recorded, nothing re-sent); hardcoded-api-key look-alike -- a "Your API Key" placeholder
# source: gitlost-murali/grpo-gui claude_eval.py:162
# source: gitlost-murali/grpo-gui claude_eval.py:161
# source: XFW-go/LLM4SVG_Gen_Edit claude_score_summary.py:68
import asyncio
import base64
import json
import sys
from pathlib import Path

import anthropic

PLACEHOLDER = anthropic.Anthropic(api_key="Your API Key")  # expect-not: hardcoded-api-key


async def describe(client, image_path, question, samples=1):
    data = base64.b64encode(Path(image_path).read_bytes()).decode()
    answers = []
    try:
        for _ in range(samples):  # expect-not: naive-retry
            reply = await client.messages.create(  # expect: batchable-fanout
                model="claude-sonnet-4-5",
                max_tokens=700,
                system="You read charts and screenshots carefully.",
                messages=[
                    {
                        "role": "user",
                        "content": [
                            {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": data}},
                            {"type": "text", "text": question},
                        ],
                    }
                ],
            )
            answers.append("".join(b.text for b in reply.content if b.type == "text"))
    except anthropic.APIError as e:
        answers.append(f"error: {e}")
    return answers


async def main(manifest):
    client = anthropic.AsyncAnthropic()
    with open(manifest) as f:
        cases = [json.loads(line) for line in f]
    hits = 0
    for case in cases:
        answers = await describe(client, case["image"], case["question"])
        hits += sum(case["expected"] in a for a in answers)
    with open("vision_eval.json", "w") as out:
        json.dump({"cases": len(cases), "hits": hits}, out)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
