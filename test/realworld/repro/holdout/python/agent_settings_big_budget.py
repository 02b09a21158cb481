# realworld repro (negative): nonstreaming-max-tokens -- max_tokens=64000 as a field of an app-level
# agent settings object; no create call takes it in this file
# source: AuroSoni/anthropic-agent demos/fastapi_server/agent_router.py:348
from pydantic import BaseModel


class AssistantSettings(BaseModel):
    system_prompt: str
    model: str
    thinking_tokens: int = 0
    max_tokens: int = 8192


plain_chat = AssistantSettings(
    system_prompt="Answer the user's questions.",
    model="claude-sonnet-4-5",
    thinking_tokens=1024,
    max_tokens=64000,  # expect-not: nonstreaming-max-tokens
)
