# realworld repro (positive + negative): retries-disabled -- a benchmark's per-call helper builds a client with
# max_retries=0 and streams one Opus answer over an uploaded PDF; nothing in the file retries the upload or the
# request (the runner elsewhere records any API error as the sample's failure); look-alikes: the request is streamed
# and read event by event, max_tokens comes from a config helper, and there is no system prompt
# source: reductoai/gdp-pdf-benchmark src/clients/anthropic_client.py:135
# source: reductoai/gdp-pdf-benchmark src/clients/anthropic_client.py:95
import time

import anthropic

from settings import SPECS

FILES_BETA = "files-api-2025-04-14"


def token_cap() -> int:
    return SPECS["opus"].max_tokens


def read_stream(client, doc_id: str, question: str):
    seen = 0
    with client.beta.messages.stream(  # expect-not: nonstreaming-max-tokens, missing-max-tokens, model-routing, batchable-fanout, uncached-prompt
        model=SPECS["opus"].model_name,
        max_tokens=token_cap(),
        betas=[FILES_BETA],
        messages=[
            {
                "role": "user",
                "content": [
                    {"type": "document", "source": {"type": "file", "file_id": doc_id}},
                    {"type": "text", "text": question},
                ],
            }
        ],
    ) as stream:
        for event in stream:
            if event.type == "content_block_delta" and event.delta.type == "text_delta":
                seen += len(event.delta.text)
                print(f"chars so far: {seen}", flush=True)
        return stream.get_final_message()


def ask_about_pdf(pdf_path, question: str):
    client = anthropic.Anthropic(timeout=SPECS["opus"].timeout_s, max_retries=0)  # expect: retries-disabled
    with open(pdf_path, "rb") as handle:
        doc = client.beta.files.upload(file=(str(pdf_path), handle, "application/pdf"))
    started = time.perf_counter()
    message = read_stream(client, doc.id, question)
    return message, time.perf_counter() - started
