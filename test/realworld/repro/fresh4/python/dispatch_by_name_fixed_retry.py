# realworld repro (positive + negative): naive-retry -- `while True` around a method that picks the provider call
# with getattr(self, f"send_{provider}") and so reaches send_anthropic's messages.create; any Exception sleeps a
# fixed 5 s and re-sends (up to ten times), retry-after never read; hardcoded-api-key look-alike -- api_key="EMPTY"
# for a local OpenAI-compatible server
# source: Teachable-AI-Lab/tutor_gym tutorgym/eval/llm_base.py:138
# source: Teachable-AI-Lab/tutor_gym tutorgym/eval/llm_base.py:52
import time


class Promptable:
    def __init__(self, provider, model, url=None, retries=10, delay=5):
        self.provider = provider
        self.model = model
        self.retries = retries
        self.delay = delay
        if provider == "anthropic":
            from anthropic import Anthropic

            self.client = Anthropic()
        else:
            from openai import OpenAI

            self.client = OpenAI(base_url=url, api_key="EMPTY")  # expect-not: hardcoded-api-key

    def send_anthropic(self, prompt):
        reply = self.client.messages.create(
            model=self.model,
            max_tokens=2048,
            messages=[{"role": "user", "content": prompt}],
        )
        return reply.content[0].text

    def send_openai(self, prompt):
        reply = self.client.chat.completions.create(
            model=self.model,
            messages=[{"role": "user", "content": prompt}],
        )
        return reply.choices[0].message.content

    def ask(self, prompt):
        send = getattr(self, f"send_{self.provider}")
        return send(prompt).split("\n")[-1]

    def ask_with_retry(self, prompt):
        tries = 0
        while True:  # expect: naive-retry
            try:
                return self.ask(prompt)
            except Exception as e:
                if tries >= self.retries:
                    raise
                print(f"call failed ({e}); trying again in {self.delay} s")
                time.sleep(self.delay)
                tries += 1
