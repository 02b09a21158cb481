# realworld repro (positive + negative): naive-retry -- an evaluation helper loops up to 16 times around
# messages.create and, on anthropic.APIError (a 429 included), sleeps a fixed 10 s and sends again; an agent
# method does the same on every exception; retry-after is never read and the clients keep the SDK's own retries;
# look-alike -- the same loop around an OpenAI client
# source: efrick2002/SSEAL utils.py:107
# source: efrick2002/SSEAL src/agent.py:412
# source: efrick2002/SSEAL utils.py:140
import os
import time

import anthropic
import openai

MAX_TRIES = 16
PAUSE = 10
FAILED = "$FAILED$"


def ask_claude(model, messages, max_tokens):
    output = FAILED
    for _ in range(MAX_TRIES):  # expect: naive-retry
        try:
            client = anthropic.Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])
            reply = client.messages.create(model=model, messages=messages, max_tokens=max_tokens)
            output = reply.content[0].text
            break
        except anthropic.APIError as exc:
            print(type(exc), exc)
            time.sleep(PAUSE)
        except Exception as exc:
            print(exc)
            break
    return output


def ask_gpt(model, messages, max_tokens):
    client = openai.OpenAI()
    output = FAILED
    for _ in range(MAX_TRIES):  # expect-not: naive-retry
        try:
            reply = client.chat.completions.create(model=model, messages=messages, max_tokens=max_tokens)
            output = reply.choices[0].message.content
            break
        except openai.RateLimitError as exc:
            print(type(exc), exc)
            time.sleep(PAUSE)
        except Exception as exc:
            print(exc)
            break
    return output


class ClaudeExplorer:
    def __init__(self, model="claude-sonnet-4-5"):
        self.model = model
        self.client = anthropic.Anthropic()
        self.history = []

    def step(self, prompt, max_tokens=2048):
        self.history.append({"role": "user", "content": prompt})
        output = FAILED
        for _ in range(MAX_TRIES):  # expect: naive-retry
            try:
                reply = self.client.messages.create(model=self.model, messages=self.history, max_tokens=max_tokens)
                output = reply.content[0].text
                self.history.append({"role": "assistant", "content": output})
                break
            except Exception as exc:
                print(type(exc), exc)
                time.sleep(PAUSE)
        return output
