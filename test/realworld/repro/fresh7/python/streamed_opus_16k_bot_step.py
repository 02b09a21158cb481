# realworld repro (negative): nonstreaming-max-tokens look-alike -- an estimation bot's helper streams Opus
# with a 16,384-token limit and collects the final text
# source: bdhmj/AI-driven-decomposition claude_service.py:12
import anthropic


def make_client(key):
    return anthropic.Anthropic(api_key=key)


def ask_opus(client, system, text, limit=8192):
    with client.messages.stream(  # expect-not: nonstreaming-max-tokens
        model="claude-opus-4-20250514",
        max_tokens=limit,
        system=system,
        messages=[{"role": "user", "content": text}],
    ) as stream:
        return stream.get_final_text()


def describe_site(client, pages):
    return ask_opus(client, "Describe the product these pages show.", pages, limit=16384)
