# realworld repro (positive + negative): batchable-fanout -- a script walks every CSV row with one
# Opus call each and writes the answers back with to_csv; the client key is a placeholder string
# source: IIT-DM/BattleofLLMs claude/CoQA/claude_0-shot.py:21
# source: IIT-DM/BattleofLLMs claude/CoQA/claude_0-shot.py:11
import anthropic
import pandas as pd

frame = pd.read_csv("questions.csv")
client = anthropic.Anthropic(
    api_key="<YOUR_KEY>",  # expect-not: hardcoded-api-key
)
answers = []

for _, row in frame.iterrows():
    reply = client.messages.create(  # expect: batchable-fanout
        model="claude-3-opus-20240229",
        max_tokens=1024,
        messages=[{"role": "user", "content": row["question"]}],
    )
    answers.append(reply.content[0].text)

frame["answer"] = answers
frame.to_csv("answers.csv")
