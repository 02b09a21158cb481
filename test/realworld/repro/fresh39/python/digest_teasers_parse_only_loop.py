# realworld repro (negative): naive-retry -- one request carries every short-list paper; a two-pass loop asks again
# only when the answer does not parse as the expected JSON (decode, key and value errors), with the Claude call
# outside the try, so an API error leaves the loop at once; the call goes through the helper imported from a
# sibling module (which keeps its own status-based retry, reported there)
# source: agarciangulo/Research-Parser src/blurb_generator.py:117
# source: agarciangulo/Research-Parser src/blurb_generator.py:121
# source: agarciangulo/Research-Parser src/blurb_generator.py:132
import json

from digest_writeups_status_backoff import ask_writer

TEASER_SYSTEM = "You write two-line teasers for research papers. Each teaser must make a reader curious."


def write_teasers(papers: list[dict]) -> list[dict]:
    listing = "\n".join(f"- {p['id']}: {p['title']} -- {p['abstract'][:600]}" for p in papers)
    request = f"Papers:\n{listing}\n\nReturn JSON: {{\"teasers\": [{{\"id\": ..., \"text\": ...}}]}} and nothing else."

    problem = None
    for pass_no in range(2):  # expect-not: naive-retry
        reply = ask_writer(system=TEASER_SYSTEM, request=request, max_tokens=2048)  # expect-not: batchable-fanout, unbounded-fanout, model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
        try:
            return json.loads(reply.content[0].text)["teasers"]
        except (json.JSONDecodeError, KeyError, ValueError) as err:  # expect-not: string-matched-error
            problem = err

    raise RuntimeError(f"teasers never parsed: {problem}")
