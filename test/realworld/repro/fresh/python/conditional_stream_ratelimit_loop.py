# realworld repro (positive + negative): naive-retry -- a loop catches RateLimitError and sleeps
# 2**attempt * 15 s around a stream whose method is picked by a conditional (the beta resource when files
# are attached); retry-after is never read. The stream asks for 64,000 tokens of an Opus 4.6 model:
# streamed, and within that model's limit
# source: orrappelkroyzer/utils llm/claude_utils.py:110
# source: orrappelkroyzer/utils llm/claude_utils.py:117
import time

from anthropic import Anthropic, RateLimitError

client = Anthropic()
BIG = 64000


def long_answer(messages, file_ids=None, model="claude-opus-4-6"):
    params = {"model": model, "messages": messages, "max_tokens": BIG}
    with_files = bool(file_ids)
    if with_files:
        params["betas"] = ["files-api-2025-04-14"]
    for n in range(1, 6):  # expect: naive-retry
        try:
            pieces = []
            opener = client.beta.messages.stream if with_files else client.messages.stream
            with opener(**params) as stream:  # expect-not: nonstreaming-max-tokens
                for chunk in stream.text_stream:
                    pieces.append(chunk)
            return True, "".join(pieces)
        except RateLimitError as err:
            time.sleep(2**n * 15)
            if n == 5:
                return False, str(err)
        except Exception as err:
            return False, str(err)
    return False, "out of attempts"
