# realworld repro (negative): batchable-fanout / missing-max-tokens look-alikes -- a loop builds one Request per
# prompt (literal 1024-token params) and a single Message Batches create sends them all; a second helper sends a
# caller-built dict of custom id -> params as one batch
# source: suman1209/UTN_VLM_reasoning src_code/model_utils/claude.py:21
# source: suman1209/UTN_VLM_reasoning src_code/model_utils/claude.py:15
# source: tjweingart-byte/FAM claude_batch.py:63
# source: tjweingart-byte/FAM claude_batch.py:64
import anthropic
from anthropic.types.message_create_params import MessageCreateParamsNonStreaming
from anthropic.types.messages.batch_create_params import Request


class MazeSolverBatch:
    def __init__(self, model: str, key: str):
        self.model = model
        self.api = anthropic.Anthropic(api_key=key)
        self.batch_id = None

    def submit(self, prompts: list[str]) -> str:
        reqs = []
        for k, text in enumerate(prompts):
            reqs.append(
                Request(
                    custom_id=f"maze-{k}",
                    params=MessageCreateParamsNonStreaming(  # expect-not: missing-max-tokens, nonstreaming-max-tokens
                        model=self.model,
                        max_tokens=1024,
                        messages=[{"role": "user", "content": text}],
                    ),
                )
            )
        job = self.api.messages.batches.create(requests=reqs)  # expect-not: batchable-fanout
        self.batch_id = job.id
        return job.id


async def send_edition(api: anthropic.AsyncAnthropic, jobs: dict) -> str:
    job = await api.messages.batches.create(  # expect-not: batchable-fanout
        requests=[{"custom_id": cid, "params": params} for cid, params in jobs.items()]  # expect-not: missing-max-tokens
    )
    return job.id
