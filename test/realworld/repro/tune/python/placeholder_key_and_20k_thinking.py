# realworld repro (negative): nonstreaming-max-tokens + hardcoded-api-key -- a placeholder key
# string and a non-streaming create with thinking and max_tokens=20000, under the 21,333 guard
# source: Shanmugapriya2020/First_remote_webapp postvalidateold.py:5
# source: Shanmugapriya2020/First_remote_webapp postvalidateold.py:12
import anthropic

client = anthropic.Anthropic(
    api_key="<<PUT_YOUR_KEY_HERE>>",  # expect-not: hardcoded-api-key
)

with open("request.txt", encoding="utf-8") as fh:
    request_text = fh.read()

reply = client.messages.create(  # expect-not: nonstreaming-max-tokens
    model="claude-sonnet-4-5",
    max_tokens=20000,
    thinking={"type": "enabled", "budget_tokens": 12000},
    messages=[{"role": "user", "content": [{"type": "text", "text": request_text}]}],
)
print(reply.content)
