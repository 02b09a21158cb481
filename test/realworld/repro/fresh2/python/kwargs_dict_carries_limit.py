# realworld repro (negative): missing-max-tokens -- a thin wrapper builds a params dict (max_tokens taken
# from its config) and sends it as create(**params), for text and for images
# source: carsondixon/arc-agi-3-three-loop src/claude_client.py:122
# source: carsondixon/arc-agi-3-three-loop src/claude_client.py:168
import base64
import os

import anthropic

SETTINGS = {"model": "claude-sonnet-4-5", "limits": {"planner": 4096, "critic": 2048}}


class Thinker:
    def __init__(self):
        self.api = anthropic.Anthropic(api_key=os.environ.get("ANTHROPIC_API_KEY"))

    def _params(self, role):
        return SETTINGS["model"], SETTINGS["limits"].get(role, 4096)

    def think(self, prompt, role="planner", system=None):
        model, limit = self._params(role)
        params = {"model": model, "max_tokens": limit, "messages": [{"role": "user", "content": prompt}]}
        if system:
            params["system"] = system
        reply = self.api.messages.create(**params)  # expect-not: missing-max-tokens
        return "".join(b.text for b in reply.content if b.type == "text")

    def look(self, prompt, pngs, role="critic"):
        model, limit = self._params(role)
        blocks = [
            {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": base64.b64encode(p).decode()}}
            for p in pngs
        ]
        blocks.append({"type": "text", "text": prompt})
        params = {"model": model, "max_tokens": limit, "messages": [{"role": "user", "content": blocks}]}
        reply = self.api.messages.create(**params)  # expect-not: missing-max-tokens
        return "".join(b.text for b in reply.content if b.type == "text")
