# realworld repro (negative): hardcoded-api-key look-alike -- api_key="CLAUDE_API_KEY" (a variable name written as
# a string, not a key); nonstreaming-max-tokens look-alikes -- single non-streaming calls with max_tokens of 3,900
# and 15,000 (under 21,333)
# source: DatAIrchitect/ast_code_parse call_claude.py:7
# source: DatAIrchitect/ast_code_parse call_claude.py:64
# source: simon-meynell/delphinus analyzer.py:115
import json

import anthropic

client = anthropic.Anthropic(api_key="CLAUDE_API_KEY")  # expect-not: hardcoded-api-key


def write_code(request):
    reply = client.messages.create(  # expect-not: nonstreaming-max-tokens
        model="claude-opus-4-1",
        max_tokens=3900,
        system="Answer with complete, typed Python code only.",
        messages=[{"role": "user", "content": [{"type": "text", "text": request}]}],
    )
    return reply.content[0].text


def rank_papers(listing):
    reply = client.messages.create(  # expect-not: nonstreaming-max-tokens
        model="claude-haiku-4-5",
        max_tokens=15000,
        messages=[{"role": "user", "content": "Rank these papers and return JSON only:\n" + listing}],
    )
    return json.loads(reply.content[0].text)
