# realworld repro (negative): retries-disabled -- instructor's per-call max_retries is its validation-retry count
# source: instructor-ai/instructor examples/anthropic/run.py:23
import anthropic
import instructor
from pydantic import BaseModel


class Pet(BaseModel):
    name: str
    legs: int


client = instructor.from_anthropic(anthropic.Anthropic())
pet = client.messages.create(
    model="claude-haiku-4-5",
    max_tokens=512,
    max_retries=0,  # expect-not: retries-disabled
    messages=[{"role": "user", "content": "Invent a pet."}],
    response_model=Pet,
)
