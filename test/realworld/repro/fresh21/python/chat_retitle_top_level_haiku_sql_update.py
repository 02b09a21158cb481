# realworld repro (positive + negative): batchable-fanout -- a one-off script at the top level reads every saved
# chat from the database and, for each chat with a user turn, sends one Haiku 4.5 create asking for a short title,
# then writes the title back with an UPDATE and a commit; a catch-all handler prints and goes on to the next chat;
# look-alikes: the model is already Haiku, the constant system prompt is short, max_tokens is tiny, the loop is
# sequential, the key comes from the environment
# source: vibedatascience/dash_trial scripts/retitle_conversations.py:28
# source: vibedatascience/dash_trial scripts/retitle_conversations.py:19
# source: vibedatascience/dash_trial scripts/retitle_conversations.py:42
# source: vibedatascience/dash_trial scripts/retitle_conversations.py:11
import anthropic
from sqlalchemy import create_engine, text

engine = create_engine("sqlite:///chats.db")
api = anthropic.Anthropic()  # expect-not: retries-disabled, hardcoded-api-key

with engine.connect() as conn:
    chats = conn.execute(text("SELECT id, turns FROM chats")).fetchall()

for chat in chats:  # expect-not: naive-retry, unbounded-fanout
    chat_id, turns = chat[0], chat[1] or []
    opener = next((t["text"] for t in turns if t.get("who") == "user"), None)
    if not opener:
        continue
    try:
        reply = api.messages.create(  # expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
            model="claude-haiku-4-5",
            max_tokens=24,
            system="Name the conversation in four words or fewer. Plain words only.",
            messages=[{"role": "user", "content": f"Conversation opener: {opener[:300]}"}],
        )
        label = reply.content[0].text.strip()
        with engine.connect() as conn:
            conn.execute(text("UPDATE chats SET label = :label WHERE id = :id"), {"label": label, "id": chat_id})
            conn.commit()
    except Exception as exc:  # expect-not: string-matched-error
        print("skipped", chat_id, exc)
