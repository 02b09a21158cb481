# realworld repro (negative): missing-max-tokens and hardcoded-api-key look-alikes -- a unit test drives an
# OpenAI-shaped adapter's completions.create (the adapter sets max_tokens itself) and passes a fake test key
# source: Dondo0936/doc2md-rag tests/test_claude_wrapper.py:37
# source: Dondo0936/doc2md-rag tests/test_claude_wrapper.py:94
from unittest.mock import MagicMock

from vision_adapter import Completions, make_client


def test_plain_text_message():
    backend = MagicMock()
    backend.messages.create.return_value = MagicMock(content=[MagicMock(text="ok")])
    adapter = Completions(backend)
    out = adapter.create(messages=[{"role": "user", "content": "hi"}])  # expect-not: missing-max-tokens
    assert out.choices[0].message.content == "ok"


def test_explicit_key_does_not_crash():
    client = make_client(api_key="sk-ant-test-FAKE-NOT-A-REAL-KEY")  # expect-not: hardcoded-api-key
    assert client is None or hasattr(client, "chat")
