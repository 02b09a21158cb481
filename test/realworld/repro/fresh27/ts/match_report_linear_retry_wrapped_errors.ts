// realworld repro (positive + negative): naive-retry -- a Nest-style service rewrites one fetched match report
// into a JSON news item: a same-file method builds a client and makes the create, re-throwing every failure as a
// plain Error with the message; a local helper loops three attempts around that method, catches everything (rate
// limits included) and waits a linear 2 s then 4 s before going round again, never reading retry-after, on a
// client that keeps the SDK's default retries; look-alikes: a test on the generated headline's wording (reply
// content, not an error), Sonnet writing a real article at 2,048 tokens, rules in a per-report user prompt (no
// constant system prompt), the key from the environment
// source: miyata-two-six/baseball-news-server src/claude/claude.service.ts:211
// source: miyata-two-six/baseball-news-server src/claude/claude.service.ts:145
// source: miyata-two-six/baseball-news-server src/claude/claude.service.ts:20
import Anthropic from "@anthropic-ai/sdk";

export interface NewsItem {
  source_url: string;
  headline: string;
  summary: string;
  body: string;
}

export class MatchReportWriter {
  private client(): Anthropic {
    const key = process.env.ANTHROPIC_API_KEY;
    if (!key) throw new Error("ANTHROPIC_API_KEY is not set");
    return new Anthropic({ apiKey: key }); // expect-not: retries-disabled, hardcoded-api-key
  }

  private async writeJson(prompt: string): Promise<string> {
    const client = this.client();
    try {
      const res = await client.messages.create({ // expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens, batchable-fanout, unbounded-fanout
        model: process.env.NEWS_MODEL ?? "claude-sonnet-4-5",
        max_tokens: 2048,
        temperature: 0.2,
        messages: [{ role: "user", content: prompt }],
      });
      const text = res.content.map((c) => (c.type === "text" ? c.text : "")).join("").trim();
      if (!text) throw new Error("empty reply");
      return text;
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      throw new Error(`model call failed: ${msg}`);
    }
  }

  async rewriteReport(url: string, pageText: string): Promise<NewsItem[]> {
    const prompt = [
      "Return ONLY a JSON array with one object: source_url, headline, summary, body.",
      "Use only facts from the page text below. Headline up to 40 characters, body 200-500 characters.",
      `URL: ${url}`,
      "",
      pageText || "(page could not be read: return an empty array)",
    ].join("\n");

    const tries = 2;
    for (let attempt = 0; attempt <= tries; attempt++) { // expect: naive-retry
      try {
        const raw = await this.writeJson(prompt);
        const start = raw.indexOf("[");
        const end = raw.lastIndexOf("]");
        const items = JSON.parse(raw.slice(start, end + 1)) as NewsItem[];
        return items.filter((item) => !item.headline.includes("no details found")); // expect-not: string-matched-error
      } catch (e) {
        if (attempt >= tries) {
          console.warn(`giving up on ${url}: ${e instanceof Error ? e.message : e}`);
          return [];
        }
        await new Promise((r) => setTimeout(r, 2000 * (attempt + 1)));
      }
    }
    return [];
  }
}
