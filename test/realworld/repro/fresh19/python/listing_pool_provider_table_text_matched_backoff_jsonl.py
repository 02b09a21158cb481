# realworld repro (positive + negative): naive-retry, string-matched-error, batchable-fanout -- an offline CLI tags
# every listing through a provider function picked from a table (Claude by default), submitted to a thread pool whose
# size is a command-line argument; the worker retries the provider call up to six times, deciding "rate limit" from the
# lowered error text ("429" or a bare "rate") and waiting its own capped doubling back-off, never retry-after; a
# separate text test spots server errors; each parsed answer is appended to a JSONL run file
# source: sandystation/pricemap scripts/llm_enrich.py:468
# source: sandystation/pricemap scripts/llm_enrich.py:474
# source: sandystation/pricemap scripts/llm_enrich.py:475
# source: sandystation/pricemap scripts/llm_enrich.py:246
# source: sandystation/pricemap scripts/llm_enrich.py:589
# source: sandystation/pricemap scripts/llm_enrich.py:317
import argparse
import json
import os
import time
from concurrent.futures import ThreadPoolExecutor, as_completed

ROLE = "You read boat-rental adverts. Answer with JSON only."


def ask_claude(client, model, text):
    reply = client.messages.create(  # expect: batchable-fanout; expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt
        model=model,
        max_tokens=300,
        system=ROLE,
        messages=[{"role": "user", "content": f"Advert:\n{text}\n\nReturn keys hull, berths, engine."}],
    )
    return reply.content[0].text


def ask_other(client, model, text):
    return client.generate(model=model, prompt=text)


PROVIDER_FNS = {"claude": ask_claude, "other": ask_other}


def make_client(provider):
    if provider == "claude":
        import anthropic
        return anthropic.Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])  # expect-not: retries-disabled, hardcoded-api-key
    raise SystemExit("unsupported provider")


def tag_one(advert, client, ask, model):
    text = None
    for n in range(5):  # expect: naive-retry
        try:
            text = ask(client, model, advert["body"])
            break
        except Exception as exc:
            msg = str(exc).lower()
            throttled = "429" in msg or "rate" in msg  # expect: string-matched-error
            busy = "502" in msg or "overloaded" in msg  # expect-not: string-matched-error
            if (throttled or busy) and n < 4:
                time.sleep(min(3 ** n, 45))
            else:
                return advert["id"], None
    return advert["id"], json.loads(text) if text else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--provider", default="claude")
    ap.add_argument("--model", default="claude-haiku-4-5")
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args()
    with open("adverts.json", encoding="utf-8") as f:
        adverts = json.load(f)
    client = make_client(args.provider)
    ask = PROVIDER_FNS[args.provider]
    with open("tags.jsonl", "a", encoding="utf-8") as out, ThreadPoolExecutor(max_workers=args.workers) as pool:
        jobs = [pool.submit(tag_one, ad, client, ask, args.model) for ad in adverts]  # expect-not: unbounded-fanout
        for job in as_completed(jobs):
            ad_id, tags = job.result()
            if tags:
                out.write(json.dumps({"id": ad_id, "tags": tags}) + "\n")


if __name__ == "__main__":
    main()
