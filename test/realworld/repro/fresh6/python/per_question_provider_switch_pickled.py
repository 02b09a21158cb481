# realworld repro (positive + negative): batchable-fanout -- an offline evaluation loops over every question
# and, on the Claude branch, sends one create per question; the answers are pickled after the loop;
# naive-retry look-alike -- the Gemini branch sleeps and retries on Google's quota error (another provider)
# source: gahdritz/smel smel/scripts/evaluate_model_on_questions.py:306
# source: gahdritz/smel smel/scripts/evaluate_model_on_questions.py:254
import pickle
import sys
import time

import anthropic
from google import genai
from google.api_core import exceptions

model = sys.argv[1]
questions = pickle.load(open("questions.pickle", "rb"))
claude = anthropic.Anthropic() if "claude" in model else None
gemini = genai.Client() if "gemini" in model else None

answers = []
for question, context in questions:
    prompt = f"{context}\nQuestion: {question}"
    if "gemini" in model:
        while True:  # expect-not: naive-retry
            try:
                text = gemini.chats.create(model=model).send_message(prompt).text
            except exceptions.ResourceExhausted:
                time.sleep(60)
                continue
            break
    elif "claude" in model:
        reply = claude.messages.create(  # expect: batchable-fanout
            model=model,
            max_tokens=128,
            system="Answer with the answer only, or say you do not know.",
            messages=[{"role": "user", "content": prompt}],
        )
        text = reply.content[-1].text
    else:
        raise ValueError(model)
    answers.append(text)

with open("answers.pickle", "wb") as fh:
    pickle.dump(answers, fh)
