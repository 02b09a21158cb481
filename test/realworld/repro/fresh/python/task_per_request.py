# realworld repro (negative): unbounded-fanout -- an HTTP handler starts one background workflow task per
# request (two sequential summaries); there is no loop over data
# source: jacho15/claude-hackathon agents/discharge_agent.py:387
import asyncio
import uuid

import anthropic
from aiohttp import web

client = anthropic.Anthropic()


def summary(language, note):
    try:
        reply = client.messages.create(
            model="claude-haiku-4-5",
            max_tokens=400,
            messages=[{"role": "user", "content": f"In {language}, summarise for the patient: {note}"}],
        )
        return reply.content[0].text
    except Exception:
        return note


async def workflow(job, note, language):
    first = await asyncio.to_thread(summary, "English", note)
    second = await asyncio.to_thread(summary, language, note)
    print(job, first, second)


async def start(request):
    body = await request.json()
    job = str(uuid.uuid4())
    asyncio.create_task(workflow(job, body["note"], body.get("language", "Spanish")))  # expect-not: unbounded-fanout
    return web.json_response({"job": job})
