# realworld repro (negative): naive-retry and string-matched-error -- a three-try loop around a Gmail
# service's users().messages().send(...) (not Claude) retried on "EOF"/"SSL" text, and a poll loop that
# reads the inbox anew each turn (a worker loop), logging errors and sleeping the poll interval
# source: dirac-delta-one/Daily-Digest reply_monitor.py:784
# source: dirac-delta-one/Daily-Digest reply_monitor.py:792
# source: dirac-delta-one/Daily-Digest reply_monitor.py:904
import time

import anthropic

client = anthropic.Anthropic()
EVERY = 300


def answer(question):
    try:
        reply = client.messages.create(
            model="claude-sonnet-4-5", max_tokens=500, messages=[{"role": "user", "content": question}]
        )
        return reply.content[0].text
    except Exception as err:
        return f"(no answer: {err})"


def send_mail(service, raw, thread):
    for n in range(3):  # expect-not: naive-retry
        try:
            service.users().messages().send(userId="me", body={"raw": raw, "threadId": thread}).execute()
            return True
        except Exception as err:
            if n < 2 and ("EOF" in str(err) or "SSL" in str(err)):  # expect-not: string-matched-error
                time.sleep(2**n)
            else:
                return False
    return False


def serve(service, inbox):
    while True:  # expect-not: naive-retry
        try:
            for item in inbox.unread():
                send_mail(service, answer(item.text), item.thread)
        except Exception as err:
            print("poll failed:", err)
        time.sleep(EVERY)
