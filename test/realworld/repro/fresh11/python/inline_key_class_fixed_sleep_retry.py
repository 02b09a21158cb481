# realworld repro (positive + negative): hardcoded-api-key -- a full key written into the client of a translator
# class; naive-retry -- a while loop re-sends the same-class helper's create on any Exception after a fixed 5 s
# sleep, up to five times, never reading retry-after; the helper calls Haiku with 5000 tokens and a short system
# prompt, and the script translates a single text
# source: SecureDL/xlingual_watermark_eval utils/anthropic_utils.py:24
# source: SecureDL/xlingual_watermark_eval utils/anthropic_utils.py:59
# source: SecureDL/xlingual_watermark_eval utils/anthropic_utils.py:36
import time

import anthropic


class Translator:
    def __init__(self, model: str, system: str):
        self.model = model
        self.system = system
        self.client = anthropic.Anthropic(api_key="sk-ant-api03-FAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE-FAKEAA")  # expect: hardcoded-api-key

    def _once(self, text: str):
        return self.client.messages.create(  # expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt, batchable-fanout
            model=self.model,
            max_tokens=5000,
            system=self.system,
            messages=[{"role": "user", "content": [{"type": "text", "text": text}]}],
        )

    def translate(self, text: str) -> str:
        reply = None
        tries = 0
        while reply is None:  # expect: naive-retry
            try:
                reply = self._once(text)
            except Exception as err:
                if tries == 5:
                    return text
                print(f"attempt {tries + 1} failed: {err}")
                tries += 1
                time.sleep(5)
        return reply.content[0].text


if __name__ == "__main__":
    tr = Translator("claude-3-5-haiku-20241022", "Translate the user's text into French. Reply with the translation only.")
    print(tr.translate("The river rose overnight and the bridge was closed until noon."))
