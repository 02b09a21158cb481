# realworld repro (negative): an OpenAI-to-Anthropic proxy -- a request object fills max_tokens with 4,096 when the
# incoming request has none and to_dict() always carries it; the non-streaming path posts that dict to /v1/messages
# over raw HTTP and raises when the body's type field says error, the streaming path builds an SDK client per
# request (default retries) and streams the same dict; model and system come from the proxied request, no loop
# over data, no retry anywhere
# source: DawidPietrykowski/llm-converter app/services/anthropic_service.py:64
# source: DawidPietrykowski/llm-converter app/services/anthropic_service.py:281
# source: DawidPietrykowski/llm-converter app/services/anthropic_service.py:325
# source: DawidPietrykowski/llm-converter app/services/anthropic_service.py:332
import json

import anthropic
import requests


class ProxiedRequest:
    def __init__(self, model, max_tokens, messages, system=None, temperature=None):
        self.model = model
        self.max_tokens = max_tokens if max_tokens is not None else 4096
        self.messages = messages
        self.system = system
        self.temperature = temperature

    def to_dict(self) -> dict:
        out = {"model": self.model}
        if self.max_tokens is not None:
            out["max_tokens"] = self.max_tokens
        if self.messages is not None:
            out["messages"] = self.messages
        if self.system is not None:
            out["system"] = self.system
        if self.temperature is not None:
            out["temperature"] = self.temperature
        return out

    def send(self, root: str, key: str) -> dict:
        headers = {"content-type": "application/json", "x-api-key": key, "anthropic-version": "2023-06-01"}
        payload = self.to_dict()
        resp = requests.post(root + "/v1/messages", headers=headers, data=json.dumps(payload))  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, batchable-fanout, uncached-prompt, naive-retry
        return resp.json()


def stream_chunks(req: ProxiedRequest, client):
    with client.messages.stream(**req.to_dict()) as live:  # expect-not: missing-max-tokens, model-routing, uncached-prompt, batchable-fanout
        for piece in live.text_stream:
            yield "data:" + json.dumps({"delta": piece}) + "\n\n"
    yield "data:" + json.dumps({"done": True}) + "\n\n"


class Backend:
    def __init__(self, root: str, key: str):
        self.root = root
        self.key = key

    def complete(self, req: ProxiedRequest) -> str:
        body = req.send(self.root, self.key)
        if body["type"] == "error":  # expect-not: string-matched-error
            raise RuntimeError("upstream error: " + str(body))
        return body["content"][0]["text"]

    def complete_streamed(self, req: ProxiedRequest):
        client = anthropic.Anthropic(base_url=self.root, api_key=self.key)  # expect-not: retries-disabled, hardcoded-api-key
        return stream_chunks(req, client)
