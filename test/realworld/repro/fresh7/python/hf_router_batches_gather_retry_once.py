# realworld repro (negative): naive-retry and unbounded-fanout look-alikes on another provider -- a module
# named after Claude tags stories through a HuggingFace chat endpoint: one re-send after a 503 (model still
# loading) and an asyncio.gather over slices of twenty stories, none of it reaching Claude
# source: savanmehta/ai-news-briefing claude_service.py:104
# source: savanmehta/ai-news-briefing claude_service.py:188
import asyncio
import os

import httpx

ROUTER = "https://router.huggingface.co/v1/chat/completions"
SLICE = 20


async def hf_chat(prompt, limit=400):
    body = {"model": "meta-llama/Llama-3.1-8B-Instruct", "messages": [{"role": "user", "content": prompt}], "max_tokens": limit}
    headers = {"Authorization": f"Bearer {os.environ.get('HF_TOKEN', '')}"}
    async with httpx.AsyncClient(timeout=40.0) as http:
        reply = await http.post(ROUTER, headers=headers, json=body)
        if reply.status_code == 503:  # expect-not: naive-retry
            await asyncio.sleep(15)
            reply = await http.post(ROUTER, headers=headers, json=body)
        reply.raise_for_status()
        return reply.json()["choices"][0]["message"]["content"]


async def label_slice(items):
    listing = "\n".join(f"{n}. {item['headline']}" for n, item in enumerate(items, 1))
    try:
        return await hf_chat(f"Give one topic per headline:\n{listing}")
    except Exception as exc:
        print(f"slice failed: {exc}")
        return ""


async def label_all(stories):
    jobs = [label_slice(stories[i : i + SLICE]) for i in range(0, len(stories), SLICE)]
    return await asyncio.gather(*jobs, return_exceptions=True)  # expect-not: unbounded-fanout
