# realworld repro (positive + negative): uncached-prompt -- a FastAPI route posts to /v1/messages over raw HTTP and
# puts the whole staff handbook (every .txt file joined, cut at 120,000 characters) at the front of the user turn
# on every question, with no cache_control; naive-retry look-alike -- the except only covers parsing and returns a
# canned answer, nothing is sent again
# source: chloehamilton1/care-ready-backend main.py:141
# source: chloehamilton1/care-ready-backend main.py:160
import json
import os

import requests
from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()
KEY = os.getenv("ANTHROPIC_API_KEY")


def load_handbook(folder="handbook"):
    texts = []
    for name in sorted(os.listdir(folder)):
        if name.endswith(".txt"):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                texts.append(f.read())
    return "\n\n".join(texts)


HANDBOOK = load_handbook()


class Ask(BaseModel):
    question: str
    team: str


@app.post("/ask")
def ask(req: Ask):
    prompt = (
        "You are a help-desk assistant for warehouse staff. Use the handbook below before anything else.\n\n"
        f"HANDBOOK:\n{HANDBOOK[:120000]}\n\n"
        f"Team: {req.team}\nQuestion: {req.question}\nReply as JSON with an answer field."
    )
    body = {"model": "claude-haiku-4-5", "max_tokens": 300, "messages": [{"role": "user", "content": prompt}]}
    headers = {"x-api-key": KEY, "anthropic-version": "2023-06-01", "content-type": "application/json"}
    resp = requests.post("https://api.anthropic.com/v1/messages", headers=headers, json=body, timeout=30)  # expect: uncached-prompt
    result = resp.json()
    try:
        return json.loads(result["content"][0]["text"])
    except Exception as exc:  # expect-not: naive-retry
        print("could not parse reply", exc, result)
        return {"answer": "Please ask your supervisor."}
