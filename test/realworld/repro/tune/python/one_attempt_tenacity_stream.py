# realworld repro (negative): naive-retry -- a tenacity decorator whose stop is stop_after_attempt(ONE_TRY)
# with ONE_TRY = 1: a single attempt, nothing is retried; as in the source, the SDK is imported inside
# the function and the stream goes through `client = sdk` (or `sdk.beta` when betas are asked for)
# source: LiveBench/LiveBench livebench/model/completions.py:481
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_fixed

ONE_TRY = 1
PAUSE = 10


@retry(stop=stop_after_attempt(ONE_TRY), wait=wait_fixed(PAUSE), retry=retry_if_exception_type(Exception))  # expect-not: naive-retry
def answer(model, turns, max_tokens, betas=None):
    from anthropic import Anthropic

    sdk = Anthropic()
    client = sdk
    if betas:
        client = sdk.beta
    with client.messages.stream(model=model, max_tokens=max_tokens, messages=turns) as stream:
        text = "".join(stream.text_stream)
    return text
