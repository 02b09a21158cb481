# realworld repro (positive + negative): batchable-fanout -- main builds a runner and calls its run method, which loops
# over every model of an imported table x reader persona x poem x trial and sends one create each (1,000 tokens),
# writing every reply to its own result file; look-alike: the per-trial handler prints the error and moves on
# source: nshrhm/llm-literary-analysis experiment_runner.py:224
# source: nshrhm/llm-literary-analysis experiment_runner.py:246
import os

import anthropic
from settings import MODELS, POEMS, READERS, ROUNDS, WARMTH

OUT = "runs"


class Runner:
    def __init__(self):
        os.makedirs(OUT, exist_ok=True)
        self.client = anthropic.Client(api_key=os.environ["ANTHROPIC_API_KEY"])

    def question(self, reader: str, poem: str) -> str:
        return (
            f"You are {reader}. Read the poem below and rate joy, fear and calm from 0 to 100, "
            f"each with one sentence of reasons.\n\n{poem}"
        )

    def keep(self, text: str, tag: str) -> None:
        with open(os.path.join(OUT, f"{tag}.txt"), "w", encoding="utf-8") as fh:
            fh.write(text)

    def run(self):
        for model_key, model_id in MODELS.items():
            for reader_key, reader in READERS.items():
                for poem_key, poem in POEMS.items():
                    ask = self.question(reader, poem)
                    for n in range(1, ROUNDS + 1):
                        try:
                            reply = self.client.messages.create(  # expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
                                model=model_id,
                                max_tokens=1000,
                                temperature=WARMTH,
                                messages=[{"role": "user", "content": ask}],
                            )
                            self.keep(reply.content[0].text, f"{reader_key}_{model_key}_{poem_key}_{n:02d}")
                        except Exception as err:  # expect-not: naive-retry, string-matched-error
                            print(f"round {n} with {model_id} failed: {err}")
                            continue


def main():
    runner = Runner()
    runner.run()


if __name__ == "__main__":
    main()
