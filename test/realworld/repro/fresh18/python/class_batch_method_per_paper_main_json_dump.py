# realworld repro (positive + negative): batchable-fanout -- a helper class's batch method loops over a list of
# papers and calls a same-file method that sends one Sonnet create per paper (2,000 tokens, no system prompt); the
# example main keeps the returned list and writes it to JSON through another method; a separate one-off comparison
# call over two papers is printed
# source: JeyaShankar257/mcp-learn example/arxiv_analyzer.py:132
# source: JeyaShankar257/mcp-learn example/arxiv_analyzer.py:206
# source: JeyaShankar257/mcp-learn example/arxiv_analyzer.py:26
import json
import os

import anthropic


class PaperReader:
    def __init__(self, key=None):
        self.client = anthropic.Anthropic(api_key=key or os.getenv("ANTHROPIC_API_KEY"))  # expect-not: retries-disabled, hardcoded-api-key

    def read(self, paper, ask="Give the main findings in a few bullet points."):
        content = f"Title: {paper['title']}\n\nAbstract:\n{paper['abstract']}\n\n{ask}"
        reply = self.client.messages.create(  # expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens, naive-retry
            model="claude-sonnet-4-20250514",
            max_tokens=2000,
            messages=[{"role": "user", "content": content}],
        )
        return reply.content[0].text

    def read_many(self, papers):
        out = []
        for paper in papers:  # expect-not: unbounded-fanout
            row = dict(paper)
            row["notes"] = self.read(paper)
            out.append(row)
        return out

    def contrast(self, papers):
        listing = "\n\n".join(f"{p['title']}: {p['abstract']}" for p in papers)
        reply = self.client.messages.create(  # expect-not: batchable-fanout, model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
            model="claude-sonnet-4-20250514",
            max_tokens=3000,
            messages=[{"role": "user", "content": f"Compare these papers:\n\n{listing}"}],
        )
        return reply.content[0].text

    def save(self, rows, name="notes.json"):
        with open(name, "w", encoding="utf-8") as f:
            json.dump(rows, f, indent=2)


def main():
    reader = PaperReader()
    with open("papers.json", encoding="utf-8") as f:
        papers = json.load(f)
    rows = reader.read_many(papers)
    if len(papers) >= 2:
        print(reader.contrast(papers[:2]))
    reader.save(rows)


if __name__ == "__main__":
    main()
