// realworld repro (positive + negative): string-matched-error -- a fact-check helper builds a client per call from
// the user's key, sends one Sonnet create and, in the catch around it, looks for "rate limit" in the caught
// error's message to re-throw a friendly rate-limit error, where the SDK's RateLimitError class (or status 429)
// would say it reliably; look-alikes: an "API key" text test in the same handler (authentication wording), a
// regex that digs JSON out of the reply, a single request with no retry and no loop, a constant instruction far
// below any cache minimum, the key passed in by the caller
// source: alex-o-748/citation-checker server/services/claude.ts:101
// source: alex-o-748/citation-checker server/services/claude.ts:98
// source: alex-o-748/citation-checker server/services/claude.ts:75
// source: alex-o-748/citation-checker server/services/claude.ts:59
// source: alex-o-748/citation-checker server/services/claude.ts:15
import Anthropic from "@anthropic-ai/sdk";

export interface Verdict {
  score: number;
  quote: string;
  verdict: "backed" | "partly" | "unbacked";
}

export async function checkQuote(statement: string, source: string, userKey: string): Promise<Verdict> {
  const client = new Anthropic({ apiKey: userKey.trim() }); // expect-not: retries-disabled, hardcoded-api-key

  const prompt = `Decide whether the source passage backs the statement.

Statement: "${statement}"

Source passage:
${source}

Answer in JSON: {"score": 0-100, "quote": "<closest sentence from the source>", "verdict": "backed|partly|unbacked"}`;

  try {
    const reply = await client.messages.create({ // expect-not: naive-retry, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout, nonstreaming-max-tokens, missing-max-tokens
      model: "claude-sonnet-4-5",
      max_tokens: 800,
      messages: [{ role: "user", content: prompt }],
    });
    const text = reply.content[0].type === "text" ? reply.content[0].text : "";
    const found = text.match(/\{[\s\S]*\}/); // expect-not: string-matched-error
    if (!found) throw new Error("no JSON in the reply");
    return JSON.parse(found[0]) as Verdict;
  } catch (err) {
    if (err instanceof Error) {
      if (err.message.includes("API key")) { // expect-not: string-matched-error
        throw new Error("The key you entered was not accepted");
      }
      if (err.message.includes("rate limit")) { // expect: string-matched-error
        throw new Error("Too many checks right now, try again shortly");
      }
      throw new Error(`Check failed: ${err.message}`);
    }
    throw new Error("Check failed");
  }
}
