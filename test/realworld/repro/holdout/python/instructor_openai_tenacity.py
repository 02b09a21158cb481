# realworld repro (negative): retries-disabled -- instructor's max_retries takes a tenacity policy; the client is OpenAI
# source: instructor-ai/instructor examples/retry/run.py:23
import instructor
import tenacity
from openai import OpenAI
from pydantic import BaseModel


class Person(BaseModel):
    name: str


client = instructor.from_openai(OpenAI())
who = client.messages.create(
    model="gpt-4o-mini",
    max_tokens=256,
    max_retries=tenacity.Retrying(stop=tenacity.stop_after_attempt(2)),  # expect-not: retries-disabled
    messages=[{"role": "user", "content": "Name a person in capitals."}],
    response_model=Person,
)
