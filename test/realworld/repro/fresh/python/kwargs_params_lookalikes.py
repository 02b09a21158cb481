# realworld repro (negative): missing-max-tokens -- calls whose max_tokens comes in through ** from a
# defaults dict or a converter (a create, a batch request built with MessageCreateParamsNonStreaming,
# a Bedrock create fed by a converter that adds max_tokens when absent)
# source: Delta4AI/LLMTextSummarizationBenchmark src/llm_apis/anthropic_client.py:25
# source: Delta4AI/LLMTextSummarizationBenchmark src/llm_apis/anthropic_client.py:72
# source: x3n0cr4735/celi celi_framework/utils/anthropic_client.py:45
# source: kenoharada/llm-api-utils llm_api_utils.py:82
import anthropic
from anthropic.types.message_create_params import MessageCreateParamsNonStreaming
from anthropic.types.messages.batch_create_params import Request

DEFAULTS = {"max_tokens": 700, "temperature": 0.0}
client = anthropic.Anthropic()
bedrock = anthropic.AnthropicBedrock(aws_region="us-west-2")


def digest(text, model):
    reply = client.messages.create(  # expect-not: missing-max-tokens
        model=model,
        messages=[{"role": "user", "content": text}],
        **DEFAULTS,
    )
    return reply.content[0].text


def queue_digests(texts, model):
    items = []
    for n, text in enumerate(texts):
        items.append(
            Request(
                custom_id=f"doc-{n}",
                params=MessageCreateParamsNonStreaming(  # expect-not: missing-max-tokens
                    model=model,
                    messages=[{"role": "user", "content": text}],
                    **DEFAULTS,
                ),
            )
        )
    return client.messages.batches.create(requests=items).id


def adapt(options):
    kept = {k: v for k, v in options.items() if k not in ("seed", "response_format")}
    if kept.get("max_tokens") is None:
        kept["max_tokens"] = 4096
    return kept


def relay(**options):
    return bedrock.messages.create(**adapt(options))  # expect-not: missing-max-tokens


def ask(model, params, messages):
    return client.messages.create(  # expect-not: missing-max-tokens
        messages=messages,
        model=model,
        **params,
    )
