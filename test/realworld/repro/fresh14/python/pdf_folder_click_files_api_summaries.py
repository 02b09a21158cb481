# realworld repro (positive + negative): batchable-fanout -- a click command calls a folder function that loops over
# every PDF in a directory, uploads each through the Files API and asks a same-file helper for one Sonnet 4.5 beta
# summary per document (the file referenced by id), writing each summary to its own text file; look-alikes: the
# per-document handler stores the error text and moves on, and max_tokens comes from an option (4,096)
# source: skysheng7/tech_summary_llm_arena scripts/anthropic_utils.py:109
# source: skysheng7/tech_summary_llm_arena scripts/anthropic_utils.py:223
import os
from pathlib import Path

import anthropic
import click


def connect() -> anthropic.Anthropic:
    key = os.getenv("ANTHROPIC_API_KEY")
    if not key:
        raise SystemExit("set ANTHROPIC_API_KEY")
    return anthropic.Anthropic(api_key=key)


def digest(client, file_id: str, ask: str, model: str, budget: int) -> str:
    reply = client.beta.messages.create(  # expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
        model=model,
        max_tokens=budget,
        messages=[
            {
                "role": "user",
                "content": [
                    {"type": "document", "source": {"type": "file", "file_id": file_id}},
                    {"type": "text", "text": ask},
                ],
            }
        ],
        betas=["files-api-2025-04-14"],
    )
    return reply.content[0].text


def digest_folder(folder: str, ask: str, model: str, budget: int, out: str) -> dict:
    client = connect()
    os.makedirs(out, exist_ok=True)
    done = {}
    for pdf in sorted(Path(folder).glob("*.pdf")):
        try:
            with open(pdf, "rb") as fh:
                uploaded = client.beta.files.upload(file=(pdf.name, fh, "application/pdf"))
            text = digest(client, uploaded.id, ask, model, budget)
            done[pdf.name] = text
            with open(os.path.join(out, pdf.stem + "_digest.txt"), "w", encoding="utf-8") as fh:
                fh.write(text)
        except Exception as err:  # expect-not: naive-retry
            done[pdf.name] = f"failed: {err}"
    return done


@click.command()
@click.option("--folder", default="papers")
@click.option("--ask", default="Summarise this paper in five bullet points.")
@click.option("--model", default="claude-sonnet-4-5")
@click.option("--budget", default=4096)
@click.option("--out", default="digests")
def main(folder, ask, model, budget, out):
    digest_folder(folder, ask, model, budget, out)


if __name__ == "__main__":
    main()
