# realworld repro (negative): naive-retry look-alike -- a loop re-asks when the reply's JSON lacks the expected
# keys (no try around the call, no error retried); retries-disabled look-alike -- max_retries is the method's
# own re-ask budget, not a client option
# source: jyzaguirre-conga/community-ideas-parser claude_analyzer.py:42
# source: jyzaguirre-conga/community-ideas-parser claude_analyzer.py:9
import json

import anthropic


class ForumDigest:
    def __init__(self):
        self.api = anthropic.Anthropic()

    def digest(self, posts, max_retries=3):  # expect-not: retries-disabled
        prompt = f"Summarise these forum posts as JSON with keys themes and top_posts.\n\n{posts}"
        tries = 0
        while tries < max_retries:  # expect-not: naive-retry
            reply = self.api.messages.create(
                model="claude-3-opus-20240229",
                max_tokens=3072,
                messages=[{"role": "user", "content": prompt}],
            )
            text = reply.content[0].text
            try:
                parsed = json.loads(text[text.find("{") : text.rfind("}") + 1])
                if "themes" in parsed and "top_posts" in parsed:
                    return parsed
            except json.JSONDecodeError:
                pass
            tries += 1
        return None
