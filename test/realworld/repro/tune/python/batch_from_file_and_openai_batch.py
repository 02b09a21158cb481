# realworld repro (negative): missing-max-tokens -- a Claude batch whose requests are read from a
# file, and an OpenAI file batch (neither has literal params)
# source: instructor-ai/instructor instructor/cli/batch.py:105
# source: instructor-ai/instructor instructor/cli/batch.py:124
import json

from anthropic import Anthropic
from openai import OpenAI


def submit(path, to_claude):
    if to_claude:
        claude = Anthropic()
        with open(path) as f:
            requests = [json.loads(line) for line in f]
        return claude.messages.batches.create(requests=requests)  # expect-not: missing-max-tokens
    oa = OpenAI()
    uploaded = oa.files.create(file=open(path, "rb"), purpose="batch")
    return oa.batches.create(  # expect-not: missing-max-tokens
        input_file_id=uploaded.id,
        endpoint="/v1/chat/completions",
        completion_window="24h",
    )
