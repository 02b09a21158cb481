# realworld repro (positive + negative): hardcoded-api-key -- a full key committed as a module constant of a small
# web app; batchable-fanout and naive-retry look-alikes -- a per-question loop over a helper that posts to the
# legacy /v1/complete endpoint (the Batches API takes Messages only), whose except records an error and moves on
# source: yingslim/AI_engine_hackathon fastapi_app.py:12
# source: nrimsky/BehaviorEvals ab_eval.py:58
# source: nrimsky/BehaviorEvals ab_eval.py:61
import base64

import anthropic
import requests
from fastapi import FastAPI, File, UploadFile

API_KEY = "sk-ant-api03-FAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEfakeAA"  # expect: hardcoded-api-key
client = anthropic.Anthropic(api_key=API_KEY)
app = FastAPI()


@app.post("/talk")
async def talk(pdf: UploadFile = File(...)):
    data = base64.b64encode(await pdf.read()).decode()
    reply = client.messages.create(
        model="claude-sonnet-4-5",
        max_tokens=1024,
        messages=[
            {
                "role": "user",
                "content": [
                    {"type": "document", "source": {"type": "base64", "media_type": "application/pdf", "data": data}},
                    {"type": "text", "text": "Turn this deck into a two-minute talk."},
                ],
            }
        ],
    )
    return {"script": reply.content[0].text}


def legacy_ask(prompt):
    resp = requests.post(
        "https://api.anthropic.com/v1/complete",
        headers={"x-api-key": API_KEY, "anthropic-version": "2023-06-01"},
        json={"model": "claude-2.1", "prompt": f"\n\nHuman: {prompt}\n\nAssistant:", "max_tokens_to_sample": 5},
    )
    return resp.json()["completion"]


def closest_option(pairs):
    picks = []
    for question, answer, a, b in pairs:  # expect-not: naive-retry
        try:
            pick = legacy_ask(f"Q: {question}\nA: {answer}\nCloser to (A) {a} or (B) {b}?").upper()  # expect-not: batchable-fanout
        except Exception:
            picks.append("error")
            continue
        picks.append("A" if "A" in pick else "B" if "B" in pick else "neither")
    return picks
