# realworld repro (negative): nonstreaming-max-tokens and retries-disabled -- non-streaming creates with
# max_tokens 8192, 10000 and 16000 (all under the 21,333 guard, one of them through **kwargs from dict(...)),
# and a client whose retries are raised to five
# source: kenoharada/llm-api-utils call_claude.py:5
# source: kenoharada/llm-api-utils call_claude.py:12
# source: kferris10/mtg-tagger claude_utils.py:73
# source: agencyenterprise/endogenous-steering-resistance concreteness_filtering.py:108
import anthropic

client = anthropic.Anthropic(max_retries=5)  # expect-not: retries-disabled
aclient = anthropic.AsyncAnthropic()


def joke(messages):
    reply = client.messages.create(  # expect-not: nonstreaming-max-tokens
        max_tokens=8192,
        messages=messages,
        model="claude-sonnet-4-5",
    )
    return reply.content[0].text


def tag_cards(key, prompt, system=None):
    local = anthropic.Anthropic(api_key=key)
    kwargs = dict(model="claude-opus-4-5", max_tokens=16000, messages=[{"role": "user", "content": prompt}])
    if system is not None:
        kwargs["system"] = system
    reply = local.messages.create(**kwargs)  # expect-not: nonstreaming-max-tokens
    return reply.content[0].text


async def rate_labels(prompt):
    reply = await aclient.messages.create(  # expect-not: nonstreaming-max-tokens
        model="claude-sonnet-4-5",
        max_tokens=10000,
        messages=[{"role": "user", "content": prompt}],
    )
    return reply.content[0].text
