# realworld repro (negative): naive-retry look-alike -- a for-attempt loop that asks for ten independent reviews
# of the same PDF (no try, nothing retried on errors; the source saves each sample to a file, printed here so
# that only the loop's shape is mirrored); nonstreaming-max-tokens look-alike --
# max_tokens=int(10 * 1024), below the non-streaming limit
# source: JamesSand/AI-reviewer generate_claude.py:83
# source: JamesSand/AI-reviewer generate_claude.py:37
import base64

import anthropic


def review(pdf_path, guidance, ask, model="claude-haiku-4-5"):
    api = anthropic.Anthropic()
    with open(pdf_path, "rb") as fh:
        pdf = base64.standard_b64encode(fh.read()).decode("utf-8")
    reply = api.messages.create(  # expect-not: nonstreaming-max-tokens
        model=model,
        max_tokens=int(10 * 1024),
        system=guidance,
        messages=[
            {
                "role": "user",
                "content": [
                    {"type": "document", "source": {"type": "base64", "media_type": "application/pdf", "data": pdf}},
                    {"type": "text", "text": ask},
                ],
            }
        ],
    )
    return reply.content[0].text


if __name__ == "__main__":
    paper = "papers/sample.pdf"
    with open("guidance.txt") as fh:
        guidance = fh.read()
    samples = 10
    for attempt in range(samples):  # expect-not: naive-retry
        text = review(paper, guidance, "Review this paper following the guidance.")
        print(f"--- sample {attempt + 1} of {samples} ---\n{text}")
