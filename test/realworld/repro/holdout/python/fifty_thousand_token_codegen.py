# realworld repro (positive + negative): nonstreaming-max-tokens -- a provider class sends a
# non-streaming Anthropic create with max_tokens=50000 on a client built without a timeout; its
# OpenAI sibling asks for 32000 (another provider)
# source: jatingargiitk/saas-builder gocodeo_cli/services/llm_service.py:166
# source: jatingargiitk/saas-builder gocodeo_cli/services/llm_service.py:136
import anthropic
from openai import OpenAI


class CodeWriter:
    def __init__(self, claude_key, openai_key):
        self.claude = anthropic.Anthropic(api_key=claude_key)
        self.openai = OpenAI(api_key=openai_key)

    def with_openai(self, prompt):
        out = self.openai.chat.completions.create(  # expect-not: nonstreaming-max-tokens, missing-max-tokens
            model="gpt-4.1",
            messages=[{"role": "user", "content": prompt}],
            max_tokens=32000,
        )
        return out.choices[0].message.content

    def with_claude(self, prompt):
        out = self.claude.messages.create(  # expect: nonstreaming-max-tokens
            model="claude-sonnet-4-20250514",
            messages=[{"role": "user", "content": prompt}],
            temperature=0,
            max_tokens=50000,
        )
        return out.content[0].text
