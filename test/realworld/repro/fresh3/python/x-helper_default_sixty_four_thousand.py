# realworld repro (positive): nonstreaming-max-tokens -- exported helpers whose non-streaming messages.create takes
# max_tokens from a parameter that defaults to 64000, on a client this module builds without a timeout, so any call
# that keeps the default is refused by the SDK
# source: Jyothi-cell/pr-regs-translation anthropic_client.py:198
# source: Jyothi-cell/pr-regs-translation anthropic_client.py:255
from anthropic import Anthropic


def make_client(key: str) -> Anthropic:
    return Anthropic(api_key=key)


def ask_text(client: Anthropic, model: str, prompt: str, max_tokens: int = 64000) -> str:
    reply = client.messages.create(  # expect: nonstreaming-max-tokens
        model=model,
        max_tokens=max_tokens,
        temperature=0,
        messages=[{"role": "user", "content": prompt}],
    )
    return reply.content[0].text


def ask_picture(client: Anthropic, model: str, prompt: str, b64: str, max_tokens: int = 64000) -> str:
    reply = client.messages.create(  # expect: nonstreaming-max-tokens
        model=model,
        max_tokens=max_tokens,
        temperature=0,
        messages=[
            {
                "role": "user",
                "content": [
                    {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": b64}},
                    {"type": "text", "text": prompt},
                ],
            }
        ],
    )
    return reply.content[0].text
