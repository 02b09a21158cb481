# realworld repro (positive): unbounded-fanout -- ThreadPoolExecutor() with the default worker count maps a helper
# over every PDF listed in a folder; each task makes two Claude calls (a prompt-writing call and a vision
# extraction), all submitted at once with no cap on how many run
# source: up1/workshop-ai-with-technical-team workshop/demo-pdf-graph/step_2_extract_data_from_pdf.py:66
import base64
import os
from concurrent.futures import ThreadPoolExecutor

from anthropic import Anthropic

client = Anthropic()
GOAL = "How did monthly rainfall change across the reports, and why?"


def write_task(goal):
    reply = client.messages.create(
        model="claude-sonnet-4-5",
        max_tokens=1024,
        messages=[{"role": "user", "content": f"Write a short extraction prompt for a helper that reads one report: {goal}"}],
    )
    return reply.content[0].text


def read_report(path, task):
    with open(path, "rb") as f:
        doc = base64.b64encode(f.read()).decode()
    reply = client.messages.create(
        model="claude-haiku-4-5",
        max_tokens=1024,
        messages=[
            {
                "role": "user",
                "content": [
                    {"type": "document", "source": {"type": "base64", "media_type": "application/pdf", "data": doc}},
                    {"type": "text", "text": task},
                ],
            }
        ],
    )
    return path, reply.content[0].text


def handle(path):
    return read_report(path, write_task(GOAL))


if __name__ == "__main__":
    folder = "reports"
    paths = [os.path.join(folder, name) for name in os.listdir(folder) if name.endswith(".pdf")]
    with ThreadPoolExecutor() as pool:
        results = list(pool.map(handle, paths))  # expect: unbounded-fanout
    print("\n".join(f"{p}: {text}" for p, text in results))
