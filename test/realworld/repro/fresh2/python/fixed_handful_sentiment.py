# realworld repro (negative): model-routing -- Sonnet with a 50-token answer, but over a literal list of
# four example posts (a fixed handful, not data)
# source: sandra1974/AI_Model_Testing AI_Testing_Project/tests/Model_Engineering/Evals_TestCases/SentimentAnalysis.py:16
import os

import anthropic

samples = [
    {"text": "Worst concert I have been to in years.", "label": "negative"},
    {"text": "This recipe is a keeper!", "label": "positive"},
    {"text": "Oh great, another Monday meeting that could have been an email.", "label": "negative"},
    {"text": "The hotel was shabby but the staff were lovely.", "label": "mixed"},
]

api = anthropic.Anthropic(api_key=os.getenv("SENTIMENT_CLAUDE_KEY"))


def label(prompt):
    reply = api.messages.create(  # expect-not: model-routing
        model="claude-sonnet-4-5",
        max_tokens=50,
        messages=[{"role": "user", "content": prompt}],
    )
    return reply.content[0].text


answers = [label(f"Label as positive, negative, neutral or mixed: {s['text']}") for s in samples]
score = sum(a.strip().lower() == s["label"] for a, s in zip(answers, samples)) / len(samples)
print(f"accuracy {score:.0%}")
